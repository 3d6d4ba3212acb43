package dev.kairos.commerce;

import java.math.BigDecimal;

/**
 * A catalog entry as commerce events describe it (Segment E-commerce v2 product properties), plus
 * {@code non_merchandise}: postage, fees and vouchers sold as order lines (null: not said).
 */
public record Product(
    String productId,
    String sku,
    String name,
    String brand,
    String category,
    BigDecimal price,
    String currency,
    String url,
    String imageUrl,
    Boolean nonMerchandise) {}
