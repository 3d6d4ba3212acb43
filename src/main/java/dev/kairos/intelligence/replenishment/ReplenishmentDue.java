package dev.kairos.intelligence.replenishment;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * When a person is expected to need a product again: their last purchase of it plus the product's
 * reorder interval. A journey waits until {@link #dueAt()} (or {@link #remindAt(Duration)}).
 */
public record ReplenishmentDue(
    UUID profileId, String productId, Instant lastPurchasedAt, Duration interval) {

  public ReplenishmentDue {
    Objects.requireNonNull(profileId, "profileId");
    Objects.requireNonNull(productId, "productId");
    Objects.requireNonNull(lastPurchasedAt, "lastPurchasedAt");
    Objects.requireNonNull(interval, "interval");
  }

  /** The expected replenishment date. */
  public Instant dueAt() {
    return lastPurchasedAt.plus(interval);
  }

  /** A reminder moment {@code leadTime} before the due date, never before the last purchase. */
  public Instant remindAt(Duration leadTime) {
    Instant at = dueAt().minus(leadTime);
    return at.isBefore(lastPurchasedAt) ? lastPurchasedAt : at;
  }
}
