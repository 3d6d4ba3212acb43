package dev.kairos.profile.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.commerce.Cart;
import dev.kairos.commerce.OrderLine;
import dev.kairos.profile.ViewedProduct;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The JSON shapes of a profile's cart and viewed products, as stored and as the API shows them. */
public final class ProfileJson {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ProfileJson() {}

  public static ObjectNode cart(Cart cart) {
    ObjectNode node = JSON.objectNode();
    ArrayNode items = node.putArray("items");
    for (OrderLine line : cart.items()) {
      items.add(line(line));
    }
    node.put("value", cart.value());
    node.put("item_count", cart.items().stream().mapToInt(OrderLine::quantity).sum());
    node.put("updated_at", cart.updatedAt() == null ? null : cart.updatedAt().toString());
    return node;
  }

  public static ObjectNode line(OrderLine line) {
    ObjectNode item = JSON.objectNode();
    item.put("product_id", line.productId());
    item.put("sku", line.sku());
    item.put("name", line.name());
    item.put("category", line.category());
    item.put("price", line.price());
    item.put("quantity", line.quantity());
    return item;
  }

  public static Cart cart(JsonNode node) {
    if (node == null || !node.isObject()) {
      return Cart.EMPTY;
    }
    List<OrderLine> items = new ArrayList<>();
    for (JsonNode item : node.path("items")) {
      items.add(
          new OrderLine(
              item.path("product_id").asText(),
              textOrNull(item.get("sku")),
              textOrNull(item.get("name")),
              textOrNull(item.get("category")),
              item.hasNonNull("price") ? new BigDecimal(item.get("price").asText()) : null,
              item.path("quantity").asInt(1)));
    }
    String updated = textOrNull(node.get("updated_at"));
    return new Cart(List.copyOf(items), updated == null ? null : Instant.parse(updated));
  }

  public static ArrayNode viewed(List<ViewedProduct> viewed) {
    ArrayNode array = JSON.arrayNode();
    for (ViewedProduct v : viewed) {
      array.addObject().put("product_id", v.productId()).put("viewed_at", v.viewedAt().toString());
    }
    return array;
  }

  /**
   * The stored form keeps the view time as epoch milliseconds: profiles are read and written on
   * every group of events, and parsing twenty ISO timestamps per profile was a seventh of that.
   */
  public static ArrayNode viewedForStorage(List<ViewedProduct> viewed) {
    ArrayNode array = JSON.arrayNode();
    for (ViewedProduct v : viewed) {
      array
          .addObject()
          .put("product_id", v.productId())
          .put("viewed_at_ms", v.viewedAt().toEpochMilli());
    }
    return array;
  }

  /** Reads the stored form (and the ISO form written before it). */
  public static List<ViewedProduct> viewed(JsonNode node) {
    List<ViewedProduct> viewed = new ArrayList<>();
    if (node != null) {
      for (JsonNode v : node) {
        Instant at =
            v.has("viewed_at_ms")
                ? Instant.ofEpochMilli(v.get("viewed_at_ms").asLong())
                : Instant.parse(v.path("viewed_at").asText());
        viewed.add(new ViewedProduct(v.path("product_id").asText(), at));
      }
    }
    return viewed;
  }

  private static String textOrNull(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }
}
