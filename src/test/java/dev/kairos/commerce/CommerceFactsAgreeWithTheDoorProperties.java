package dev.kairos.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.ingest.CommerceProperties;
import dev.kairos.ingest.TrackedEvent;
import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What the door accepts as a cart or order line's {@code quantity} and {@code price} is what the
 * commerce facts count: a value accepted with a 200 is never silently left out of a cart or order.
 */
class CommerceFactsAgreeWithTheDoorProperties {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Property(tries = 2_000)
  void a_quantity_the_door_accepts_is_the_quantity_in_the_cart(
      @ForAll("quantities") JsonNode quantity) {
    ObjectNode properties = JSON.objectNode().put("product_id", "mug").put("price", "10");
    properties.set("quantity", quantity);
    TrackedEvent event = track("Product Added", properties);

    boolean accepted = CommerceProperties.check("Product Added", properties).isEmpty();
    List<OrderLine> lines = CommerceFacts.of(event).lines();

    if (accepted) {
      assertThat(lines)
          .singleElement()
          .extracting(OrderLine::quantity)
          .isEqualTo(expected(quantity));
    } else {
      assertThat(lines).isEmpty();
    }
  }

  @Example
  void an_order_with_numeric_strings_has_its_lines_and_revenue() {
    ObjectNode properties = JSON.objectNode().put("order_id", "o-1");
    properties
        .putArray("products")
        .addObject()
        .put("product_id", "mug")
        .put("price", "10")
        .put("quantity", "2");
    assertThat(CommerceProperties.check("Order Completed", properties)).isEmpty();

    Order order = CommerceFacts.of(track("Order Completed", properties)).order();

    assertThat(order.lines()).singleElement().extracting(OrderLine::quantity).isEqualTo(2);
    assertThat(order.lines().get(0).price()).isEqualByComparingTo("10");
    assertThat(order.revenue()).isEqualByComparingTo("20");
  }

  @Provide
  Arbitrary<JsonNode> quantities() {
    Arbitrary<Long> whole = Arbitraries.longs().between(-3, 1_000_003);
    return Arbitraries.oneOf(
        whole.map(n -> (JsonNode) JSON.numberNode(n)),
        whole.map(n -> (JsonNode) JSON.textNode(String.valueOf(n))),
        whole.map(n -> (JsonNode) JSON.textNode(" " + n + ".0 ")),
        whole.map(n -> (JsonNode) JSON.numberNode(n + 0.0)),
        whole.map(n -> (JsonNode) JSON.numberNode(n + 0.5)),
        whole.map(n -> (JsonNode) JSON.textNode(n + ".5")),
        Arbitraries.of("abc", "", " ", "3e0", "2E1", "1e7", "NaN", "0x3")
            .map(t -> (JsonNode) JSON.textNode(t)),
        Arbitraries.of(JSON.nullNode(), JSON.booleanNode(true), JSON.arrayNode()));
  }

  /** The quantity the door accepted: 1 when not said. */
  private static int expected(JsonNode quantity) {
    if (quantity.isNull() || (quantity.isTextual() && quantity.asText().isBlank())) {
      return 1;
    }
    String text = quantity.isTextual() ? quantity.asText().trim() : quantity.toString();
    return new BigDecimal(text).intValueExact();
  }

  private static TrackedEvent track(String name, ObjectNode properties) {
    ObjectNode payload =
        JSON.objectNode()
            .put("type", "track")
            .put("event", name)
            .put("userId", "qs")
            .put("messageId", "m-1")
            .put("timestamp", "2026-12-07T10:00:00Z")
            .put("receivedAt", "2026-12-07T10:00:00Z");
    payload.set("properties", properties);
    return TrackedEvent.fromJson(
        MAPPER, payload.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
