package dev.kairos.intelligence.rfm;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One completed order of one profile, as the intelligence computations see it: who, when, how much
 * (net of refunds, in the shop's currency) and which products. Cancelled orders are left out by
 * whoever builds these values.
 *
 * <p>The same record feeds RFM, lifecycle stages and replenishment intervals.
 */
public record CustomerOrder(
    UUID profileId, Instant placedAt, BigDecimal value, Set<String> productIds) {

  public CustomerOrder {
    Objects.requireNonNull(profileId, "profileId");
    Objects.requireNonNull(placedAt, "placedAt");
    Objects.requireNonNull(value, "value");
    productIds = Set.copyOf(productIds);
  }

  /** An order whose products are not needed (RFM and lifecycle stages do not look at them). */
  public CustomerOrder(UUID profileId, Instant placedAt, BigDecimal value) {
    this(profileId, placedAt, value, Set.of());
  }
}
