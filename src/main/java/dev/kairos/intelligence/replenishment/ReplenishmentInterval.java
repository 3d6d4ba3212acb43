package dev.kairos.intelligence.replenishment;

import java.time.Duration;
import java.util.Objects;

/**
 * A product's typical reorder interval.
 *
 * @param interval the median, over repeat buyers, of each buyer's median time between purchases
 * @param repeatBuyers how many customers bought the product on two or more occasions (the support)
 */
public record ReplenishmentInterval(String productId, Duration interval, int repeatBuyers) {

  public ReplenishmentInterval {
    Objects.requireNonNull(productId, "productId");
    Objects.requireNonNull(interval, "interval");
  }
}
