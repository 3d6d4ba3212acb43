package dev.kairos.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.platform.http.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A profile as the console shows it, read from the JSON the management API answers with (the same
 * queries), flattened into text the templates print (and escape).
 */
public record CustomerView(
    String id,
    String name,
    List<Fact> identifiers,
    List<Fact> traits,
    List<Fact> consent,
    List<Fact> commerce,
    List<Fact> scores,
    List<Fact> predictions,
    Cart cart) {

  /** A label and its value as text. */
  public record Fact(String label, String value) {}

  public record CartLine(String name, String productId, String quantity, String price) {}

  public record Cart(String value, String updatedAt, List<CartLine> lines) {}

  /** A row of the customer list. */
  public record Row(
      String id,
      String name,
      String email,
      String orders,
      String revenue,
      String lastSeen,
      String stage) {}

  static CustomerView of(JsonNode p) {
    List<Fact> identifiers = new ArrayList<>();
    for (JsonNode i : p.path("identifiers")) {
      identifiers.add(new Fact(i.path("kind").asText(), i.path("value").asText()));
    }
    List<Fact> commerce =
        List.of(
            new Fact("Orders", text(p.get("orders_count"))),
            new Fact("Revenue", text(p.get("revenue"))),
            new Fact("Average order value", text(p.get("average_order_value"))),
            new Fact("First order", when(p.get("first_order_at"))),
            new Fact("Last order", when(p.get("last_order_at"))),
            new Fact("Refunds", text(p.get("refunds_count"))),
            new Fact("First seen", when(p.get("first_seen_at"))),
            new Fact("Last seen", when(p.get("last_seen_at"))),
            new Fact("Time zone", text(p.get("time_zone"))),
            new Fact("Suppressed", text(p.get("suppressed"))));
    List<Fact> scores = new ArrayList<>();
    JsonNode rfm = p.path("rfm");
    scores.add(
        new Fact(
            "RFM cell",
            rfm.isObject()
                ? rfm.path("cell").asText()
                    + " (R"
                    + rfm.path("recency").asText()
                    + " F"
                    + rfm.path("frequency").asText()
                    + " M"
                    + rfm.path("monetary").asText()
                    + ")"
                : "—"));
    scores.add(new Fact("Lifecycle stage", text(p.get("lifecycle_stage"))));
    scores.add(new Fact("Stage since", when(p.get("lifecycle_stage_since"))));
    scores.add(new Fact("Best send hour", text(p.get("best_send_hour"))));
    List<Fact> predictions = new ArrayList<>();
    JsonNode pr = p.path("predictions");
    if (pr.isObject()) {
      predictions.add(new Fact("Probability alive", percent(pr.get("p_alive"))));
      predictions.add(new Fact("Churn risk", percent(pr.get("churn_risk"))));
      predictions.add(
          new Fact("Expected orders (90 days)", decimal(pr.get("expected_orders_90d"))));
      predictions.add(new Fact("Expected next order", when(pr.get("expected_next_order_at"))));
      predictions.add(new Fact("Predicted CLV", text(pr.get("clv_predicted"))));
      predictions.add(new Fact("Historic CLV", text(pr.get("clv_historic"))));
    }
    return new CustomerView(
        p.path("id").asText(),
        name(p),
        identifiers,
        entries(p.path("traits")),
        entries(p.path("consent")),
        commerce,
        scores,
        predictions,
        cart(p.path("cart")));
  }

  static Row row(JsonNode p) {
    String email = "";
    for (JsonNode i : p.path("identifiers")) {
      if (i.path("kind").asText().equals("email")) {
        email = i.path("value").asText();
        break;
      }
    }
    return new Row(
        p.path("id").asText(),
        name(p),
        email,
        text(p.get("orders_count")),
        text(p.get("revenue")),
        when(p.get("last_seen_at")),
        text(p.get("lifecycle_stage")));
  }

  /** The person's name from their traits, or an identifier, or "Anonymous". */
  static String name(JsonNode p) {
    JsonNode traits = p.path("traits");
    if (traits.path("name").isTextual() && !traits.path("name").asText().isBlank()) {
      return traits.path("name").asText();
    }
    String full =
        (traits.path("first_name").asText("") + " " + traits.path("last_name").asText("")).strip();
    if (!full.isEmpty()) {
      return full;
    }
    for (JsonNode i : p.path("identifiers")) {
      if (i.path("kind").asText().equals("email") || i.path("kind").asText().equals("userId")) {
        return i.path("value").asText();
      }
    }
    return "Anonymous";
  }

  private static Cart cart(JsonNode cart) {
    if (!cart.isObject()) {
      return null;
    }
    List<CartLine> lines = new ArrayList<>();
    for (JsonNode item : cart.path("items")) {
      lines.add(
          new CartLine(
              item.path("name").asText(item.path("product_id").asText()),
              item.path("product_id").asText(),
              text(item.get("quantity")),
              text(item.get("price"))));
    }
    return new Cart(text(cart.get("value")), when(cart.get("updated_at")), lines);
  }

  /** An object's fields as facts: text as it is, anything else as its JSON. */
  static List<Fact> entries(JsonNode object) {
    List<Fact> facts = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      facts.add(new Fact(field.getKey(), text(field.getValue())));
    }
    return facts;
  }

  static String text(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "—";
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }

  private static final java.time.format.DateTimeFormatter READABLE =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
          .withZone(java.time.ZoneOffset.UTC);

  /** An instant as the console shows it ({@code 2026-03-01 09:30 UTC}); other text as it is. */
  static String when(JsonNode value) {
    String text = text(value);
    try {
      return READABLE.format(java.time.Instant.parse(text));
    } catch (java.time.format.DateTimeParseException e) {
      return text;
    }
  }

  static String pretty(JsonNode value) {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (Exception e) {
      return value.toString();
    }
  }

  private static String percent(JsonNode value) {
    return value == null || !value.isNumber()
        ? "—"
        : String.format(java.util.Locale.ROOT, "%.0f %%", value.asDouble() * 100);
  }

  private static String decimal(JsonNode value) {
    return value == null || !value.isNumber()
        ? "—"
        : String.format(java.util.Locale.ROOT, "%.2f", value.asDouble());
  }
}
