package dev.kairos.intelligence;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A refund of an order Kairos does not know (a return booked on its own credit note, as the Online
 * Retail {@code C} invoices are): it counts against the person's earlier purchases.
 *
 * @param profileId the surviving profile of the person refunded
 * @param amount the amount refunded, positive
 */
public record UnmatchedRefund(UUID profileId, Instant refundedAt, BigDecimal amount) {
  public UnmatchedRefund {
    Objects.requireNonNull(profileId, "profileId");
    Objects.requireNonNull(refundedAt, "refundedAt");
    if (amount.signum() <= 0) {
      throw new IllegalArgumentException("a refund is positive: " + amount);
    }
  }
}
