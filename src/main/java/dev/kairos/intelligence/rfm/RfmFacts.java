package dev.kairos.intelligence.rfm;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What RFM ranks a customer on, taken from the orders inside the window.
 *
 * @param lastOrderAt the most recent order in the window (recency)
 * @param orders the number of orders in the window (frequency)
 * @param monetary the total value of the orders in the window (monetary)
 */
public record RfmFacts(UUID profileId, Instant lastOrderAt, int orders, BigDecimal monetary) {

  public RfmFacts {
    Objects.requireNonNull(profileId, "profileId");
    Objects.requireNonNull(lastOrderAt, "lastOrderAt");
    Objects.requireNonNull(monetary, "monetary");
    if (orders < 1) {
      throw new IllegalArgumentException("a scored customer has at least one order");
    }
  }

  /**
   * The facts of one profile from its orders placed in {@code [windowStart, now]}; empty when it
   * has none there. Orders of other profiles in {@code orders} are ignored.
   */
  public static Optional<RfmFacts> of(
      UUID profileId, Collection<CustomerOrder> orders, Instant windowStart, Instant now) {
    Instant last = null;
    int count = 0;
    BigDecimal total = BigDecimal.ZERO;
    for (CustomerOrder order : orders) {
      Instant at = order.placedAt();
      if (!order.profileId().equals(profileId) || at.isBefore(windowStart) || at.isAfter(now)) {
        continue;
      }
      count++;
      total = total.add(order.value());
      if (last == null || at.isAfter(last)) {
        last = at;
      }
    }
    return count == 0 ? Optional.empty() : Optional.of(new RfmFacts(profileId, last, count, total));
  }

  /** Time since the last order, as marketers read recency ("bought 12 days ago"). */
  public Duration recency(Instant now) {
    return Duration.between(lastOrderAt, now);
  }
}
