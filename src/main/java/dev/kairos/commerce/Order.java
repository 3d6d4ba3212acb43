package dev.kairos.commerce;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A completed order. {@code revenue} is the order's {@code revenue} property, else its {@code
 * total}, else the sum of its lines.
 */
public record Order(
    String orderId,
    BigDecimal revenue,
    String currency,
    String coupon,
    BigDecimal discount,
    Instant placedAt,
    List<OrderLine> lines) {}
