package dev.kairos.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The values of the Segment E-commerce spec that Kairos counts, checked at the door so a bad one is
 * refused with a 400 naming it rather than stored and silently left out of a profile's figures:
 *
 * <ul>
 *   <li>{@code Order Completed} needs {@code order_id} (or {@code checkout_id}): an order is
 *       counted once by its id;
 *   <li>its amounts ({@code revenue}, {@code total}, {@code subtotal}, {@code value}, {@code
 *       shipping}, {@code tax}, {@code discount}) are numbers from 0 to {@link #LARGEST_AMOUNT}
 *       (exclusive); on {@code Order Refunded} / {@code Order Cancelled} the sign is free;
 *   <li>a product's {@code price} is a number from 0 to {@link #LARGEST_AMOUNT} (exclusive) and, in
 *       a cart or an order, its {@code quantity} a whole number from 1 to {@link #MAX_QUANTITY}.
 * </ul>
 *
 * Other events and other properties are stored as sent.
 */
public final class CommerceProperties {
  /** Quantities beyond this are not an order line but a broken client. */
  public static final int MAX_QUANTITY = 1_000_000;

  /** Amounts from this on are not money but a broken client. */
  public static final BigDecimal LARGEST_AMOUNT = new BigDecimal("1e12");

  private static final String ORDER_COMPLETED = "Order Completed";
  private static final Set<String> REFUNDS = Set.of("Order Refunded", "Order Cancelled");
  private static final List<String> AMOUNTS =
      List.of("revenue", "total", "subtotal", "value", "shipping", "tax", "discount");

  /** Events whose {@code quantity} says how many are in a cart or an order. */
  private static final Set<String> COUNTED =
      Set.of(
          "Product Added", "Product Removed", "Cart Viewed", "Checkout Started", ORDER_COMPLETED);

  private static final Set<String> SINGLE_PRODUCT =
      Set.of("Product Viewed", "Product Clicked", "Product Added", "Product Removed");

  /** A property that breaks a rule: its path and what is wrong. */
  public record Invalid(String field, String message) {}

  private CommerceProperties() {}

  /** The first broken rule of a track event's properties, if any. */
  public static Optional<Invalid> check(String event, JsonNode properties) {
    if (properties == null || !properties.isObject()) {
      properties = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
    boolean order = ORDER_COMPLETED.equals(event);
    boolean refund = REFUNDS.contains(event);
    if (order && !present(properties.get("order_id")) && !present(properties.get("checkout_id"))) {
      return invalid(
          "properties.order_id",
          "Order Completed requires properties.order_id (or properties.checkout_id)");
    }
    if (order || refund) {
      for (String amount : AMOUNTS) {
        Optional<Invalid> wrong = amount(properties.get(amount), "properties." + amount, !refund);
        if (wrong.isPresent()) {
          return wrong;
        }
      }
    }
    boolean counted = COUNTED.contains(event);
    if (SINGLE_PRODUCT.contains(event)) {
      return product(properties, "properties.", counted);
    }
    JsonNode products = properties.get("products");
    if (products != null && products.isArray()) {
      for (int i = 0; i < products.size(); i++) {
        Optional<Invalid> wrong =
            product(products.get(i), "properties.products[" + i + "].", counted);
        if (wrong.isPresent()) {
          return wrong;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Invalid> product(JsonNode product, String path, boolean counted) {
    if (product == null || !product.isObject()) {
      return Optional.empty();
    }
    Optional<Invalid> price = amount(product.get("price"), path + "price", true);
    if (price.isPresent() || !counted) {
      return price;
    }
    JsonNode quantity = product.get("quantity");
    if (!present(quantity)) {
      return Optional.empty();
    }
    BigDecimal value = number(quantity);
    if (value == null
        || value.stripTrailingZeros().scale() > 0
        || value.compareTo(BigDecimal.ONE) < 0
        || value.compareTo(BigDecimal.valueOf(MAX_QUANTITY)) > 0) {
      return invalid(
          path + "quantity",
          path + "quantity must be a whole number from 1 to " + MAX_QUANTITY + ": " + quantity);
    }
    return Optional.empty();
  }

  private static Optional<Invalid> amount(JsonNode node, String path, boolean positive) {
    if (!present(node)) {
      return Optional.empty();
    }
    BigDecimal value = number(node);
    boolean inRange =
        value != null
            && value.abs().compareTo(LARGEST_AMOUNT) < 0
            && (!positive || value.signum() >= 0);
    if (inRange) {
      return Optional.empty();
    }
    return invalid(
        path,
        path
            + " must be a number from "
            + (positive ? "0" : "-999999999999.99")
            + " to 999999999999.99: "
            + node);
  }

  private static BigDecimal number(JsonNode node) {
    try {
      if (node.isNumber()) {
        return node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())
            ? null
            : node.decimalValue();
      }
      return node.isTextual() ? new BigDecimal(node.asText().trim()) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean present(JsonNode node) {
    return node != null && !node.isNull() && !(node.isTextual() && node.asText().isBlank());
  }

  private static Optional<Invalid> invalid(String field, String message) {
    return Optional.of(new Invalid(field, message));
  }
}
