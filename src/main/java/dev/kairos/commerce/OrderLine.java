package dev.kairos.commerce;

import java.math.BigDecimal;

/** One product of an order or a cart. */
public record OrderLine(
    String productId, String sku, String name, String category, BigDecimal price, int quantity) {

  public BigDecimal value() {
    return price == null ? BigDecimal.ZERO : price.multiply(BigDecimal.valueOf(quantity));
  }
}
