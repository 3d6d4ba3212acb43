package dev.kairos.commerce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.ingest.EventType;
import dev.kairos.ingest.TrackedEvent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads the Segment E-commerce v2 events: names, products, orders, refunds, cancellations. */
public final class CommerceEvents {
  public static final String PRODUCT_VIEWED = "Product Viewed";
  public static final String PRODUCT_CLICKED = "Product Clicked";
  public static final String PRODUCT_ADDED = "Product Added";
  public static final String PRODUCT_REMOVED = "Product Removed";
  public static final String CART_VIEWED = "Cart Viewed";
  public static final String CHECKOUT_STARTED = "Checkout Started";
  public static final String ORDER_COMPLETED = "Order Completed";
  public static final String ORDER_REFUNDED = "Order Refunded";
  public static final String ORDER_CANCELLED = "Order Cancelled";

  private static final Set<String> SINGLE_PRODUCT =
      Set.of(PRODUCT_VIEWED, PRODUCT_CLICKED, PRODUCT_ADDED, PRODUCT_REMOVED, "Product Reviewed");

  private CommerceEvents() {}

  public static boolean isTrack(TrackedEvent event) {
    return event.type() == EventType.TRACK;
  }

  /** The products an event describes: its own properties, or its {@code products} array. */
  public static List<OrderLine> lines(TrackedEvent event) {
    if (!isTrack(event)) {
      return List.of();
    }
    JsonNode properties = event.properties();
    if (SINGLE_PRODUCT.contains(event.name())) {
      return line(properties).map(List::of).orElse(List.of());
    }
    JsonNode products = properties.path("products");
    if (!products.isArray()) {
      return List.of();
    }
    List<OrderLine> lines = new ArrayList<>(products.size());
    for (JsonNode product : products) {
      line(product).ifPresent(lines::add);
    }
    return lines;
  }

  /** The catalog entries an event describes. */
  public static List<Product> products(TrackedEvent event) {
    if (!isTrack(event)) {
      return List.of();
    }
    JsonNode properties = event.properties();
    List<Product> products = new ArrayList<>();
    if (SINGLE_PRODUCT.contains(event.name())) {
      product(properties, properties).ifPresent(products::add);
    } else if (properties.path("products").isArray()) {
      for (JsonNode node : properties.path("products")) {
        product(node, properties).ifPresent(products::add);
      }
    }
    return products;
  }

  public static Optional<Order> order(TrackedEvent event) {
    if (!event.isTrack(ORDER_COMPLETED)) {
      return Optional.empty();
    }
    JsonNode p = event.properties();
    Optional<String> orderId = orderKey(p);
    if (orderId.isEmpty()) {
      return Optional.empty();
    }
    List<OrderLine> lines = lines(event);
    BigDecimal revenue =
        amount(p.get("revenue"))
            .or(() -> amount(p.get("total")))
            .orElseGet(
                () ->
                    lines.stream().map(OrderLine::value).reduce(BigDecimal.ZERO, BigDecimal::add));
    return Optional.of(
        new Order(
            orderId.get(),
            revenue,
            text(p.get("currency")).orElse(null),
            text(p.get("coupon")).orElse(null),
            amount(p.get("discount")).orElse(null),
            event.timestamp(),
            lines));
  }

  /** The order an {@code Order Refunded} or {@code Order Cancelled} event is about. */
  public static Optional<String> orderIdOf(TrackedEvent event) {
    if (!event.isTrack(ORDER_REFUNDED)
        && !event.isTrack(ORDER_CANCELLED)
        && !event.isTrack(ORDER_COMPLETED)) {
      return Optional.empty();
    }
    return orderKey(event.properties());
  }

  /** An order is named by its {@code order_id}, else its {@code checkout_id}. */
  private static Optional<String> orderKey(JsonNode properties) {
    return text(properties.get("order_id")).or(() -> text(properties.get("checkout_id")));
  }

  /**
   * The refunded amount: {@code total} or {@code revenue} when given, else the value of the
   * refunded {@code products}, else empty (a full refund).
   */
  public static Optional<BigDecimal> refundAmount(TrackedEvent event) {
    JsonNode p = event.properties();
    Optional<BigDecimal> stated = amount(p.get("total")).or(() -> amount(p.get("revenue")));
    if (stated.isPresent()) {
      return stated.map(BigDecimal::abs);
    }
    List<OrderLine> lines = lines(event);
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        lines.stream().map(OrderLine::value).reduce(BigDecimal.ZERO, BigDecimal::add).abs());
  }

  private static Optional<OrderLine> line(JsonNode node) {
    Optional<String> id = text(node.get("product_id")).or(() -> text(node.get("sku")));
    if (id.isEmpty()) {
      return Optional.empty();
    }
    int quantity = quantity(node.get("quantity"));
    if (quantity < 1 || quantity > MAX_QUANTITY) {
      return Optional.empty(); // not a line Kairos can count (a return is an Order Refunded)
    }
    return Optional.of(
        new OrderLine(
            id.get(),
            text(node.get("sku")).orElse(null),
            text(node.get("name")).orElse(null),
            text(node.get("category")).orElse(null),
            amount(node.get("price")).orElse(null),
            quantity));
  }

  /**
   * A line's quantity read as the door accepts it (a JSON number or its text, a whole number): 1
   * when not said (absent, null or blank), -1 when it is not a whole number.
   */
  static int quantity(JsonNode node) {
    if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
      return 1;
    }
    BigDecimal value = null;
    if (node.isNumber()
        && !(node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue()))) {
      value = node.decimalValue();
    } else if (node.isTextual()) {
      try {
        value = new BigDecimal(node.asText().trim());
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    if (value == null
        || value.stripTrailingZeros().scale() > 0
        || value.compareTo(BigDecimal.valueOf(MAX_QUANTITY)) > 0) {
      return -1;
    }
    return value.intValue();
  }

  private static Optional<Product> product(JsonNode node, JsonNode parent) {
    Optional<String> id = text(node.get("product_id")).or(() -> text(node.get("sku")));
    if (id.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Product(
            id.get(),
            text(node.get("sku")).orElse(null),
            text(node.get("name")).orElse(null),
            text(node.get("brand")).orElse(null),
            text(node.get("category")).orElse(null),
            amount(node.get("price")).orElse(null),
            text(node.get("currency")).or(() -> text(parent.get("currency"))).orElse(null),
            text(node.get("url")).orElse(null),
            text(node.get("image_url")).orElse(null),
            flag(node.get("non_merchandise"))));
  }

  /** true or false (JSON booleans or their text); anything else is "not said". */
  private static Boolean flag(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    String text = node.asText().trim();
    return text.equalsIgnoreCase("true")
        ? Boolean.TRUE
        : text.equalsIgnoreCase("false") ? Boolean.FALSE : null;
  }

  static Optional<String> text(JsonNode node) {
    if (node == null || node.isNull() || node.isContainerNode()) {
      return Optional.empty();
    }
    String text = node.asText().trim();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  /** Quantities beyond this are not an order line but a broken client; such lines are ignored. */
  static final int MAX_QUANTITY = 1_000_000;

  /** Amounts beyond this are not money but a broken client; they are ignored. */
  private static final BigDecimal LARGEST_AMOUNT = new BigDecimal("1e12");

  static Optional<BigDecimal> amount(JsonNode node) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    BigDecimal value = null;
    if (node.isNumber() && !(node.isDouble() && !Double.isFinite(node.doubleValue()))) {
      value = node.decimalValue();
    } else if (node.isTextual()) {
      try {
        value = new BigDecimal(node.asText().trim());
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    if (value == null || value.abs().compareTo(LARGEST_AMOUNT) >= 0) {
      return Optional.empty();
    }
    return Optional.of(value);
  }
}
