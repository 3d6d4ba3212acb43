package dev.kairos.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.testing.RunningKairos;
import dev.kairos.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Events become one profile per person, with its orders, cart and browsing. */
class CustomerProfileTest {
  @RegisterExtension static final RunningKairos KAIROS = new RunningKairos("2026-05-01T09:00:00Z");
  static TestServer server;

  @BeforeAll
  static void server() {
    server = KAIROS.server();
  }

  static void send(String path, String json) {
    KAIROS.send(path, json);
  }

  static JsonNode profile(String identifier) {
    return KAIROS.profile(identifier);
  }

  @Test
  void anonymous_browsing_merges_into_the_customer_when_they_identify() {
    send("/v1/page", "{\"anonymousId\":\"anon-ann\",\"name\":\"Home\"}");
    send(
        "/v1/track",
        "{\"anonymousId\":\"anon-ann\",\"event\":\"Product Viewed\",\"properties\":{\"product_id\":\"mug\",\"name\":\"Mug\",\"price\":8}}");
    send(
        "/v1/identify",
        "{\"userId\":\"ann\",\"traits\":{\"email\":\"ann@example.com\",\"plan\":\"gold\"}}");
    // a second device, only the email known
    send(
        "/v1/track",
        "{\"anonymousId\":\"phone-ann\",\"event\":\"App Opened\",\"context\":{\"traits\":{\"email\":\" ANN@example.com \"}}}");
    // this event links the anonymous browser to the known customer
    send(
        "/v1/identify",
        "{\"userId\":\"ann\",\"anonymousId\":\"anon-ann\",\"traits\":{\"first_name\":\"Ann\"}}");

    JsonNode byEmail = profile("email:Ann@Example.com");
    JsonNode byAnon = profile("anonymousId:anon-ann");
    JsonNode byPhoneDevice = profile("anonymousId:phone-ann");
    assertThat(byAnon.path("id")).isEqualTo(byEmail.path("id"));
    assertThat(byPhoneDevice.path("id")).isEqualTo(byEmail.path("id"));
    assertThat(byEmail.path("traits").path("plan").asText()).isEqualTo("gold");
    assertThat(byEmail.path("traits").path("first_name").asText()).isEqualTo("Ann");
    assertThat(byEmail.path("viewed_products").get(0).path("product_id").asText()).isEqualTo("mug");

    String id = byEmail.path("id").asText();
    JsonNode identity = server.get("/api/profiles/" + id + "/identity").body();
    assertThat(identity.path("identifiers").findValuesAsText("value"))
        .contains("ann", "anon-ann", "phone-ann", "ann@example.com");
    assertThat(identity.path("merges")).isNotEmpty();
    JsonNode merge = identity.path("merges").get(0);
    assertThat(merge.path("reason").asText()).contains("anonymousId:anon-ann");
    assertThat(merge.path("message_id").asText()).isNotBlank();

    JsonNode timeline = server.get("/api/profiles/" + id + "/events").body();
    assertThat(timeline.findValuesAsText("type")).contains("page", "identify", "track");
    assertThat(timeline.get(0).path("timestamp").asText())
        .isGreaterThan(timeline.get(timeline.size() - 1).path("timestamp").asText());
  }

  @Test
  void the_timeline_pages_newest_first_without_skipping_or_repeating_an_event() {
    // sent in an order unlike their times (a late batch from an offline app), two at one instant
    String[] times = {
      "2026-04-30T10:00:00Z",
      "2026-04-30T08:00:00Z",
      "2026-04-30T12:00:00Z",
      "2026-04-30T09:00:00Z",
      "2026-04-30T12:00:00Z",
      "2026-04-30T07:00:00Z",
      "2026-04-30T11:00:00Z"
    };
    StringBuilder batch = new StringBuilder("{\"batch\":[");
    for (int i = 0; i < times.length; i++) {
      batch
          .append(i == 0 ? "" : ",")
          .append("{\"type\":\"track\",\"userId\":\"pager\",\"event\":\"Step ")
          .append(i)
          .append("\",\"timestamp\":\"")
          .append(times[i])
          .append("\"}");
    }
    send("/v1/batch", batch.append("]}").toString());
    String id = profile("userId:pager").path("id").asText();

    JsonNode all = server.get("/api/profiles/" + id + "/events?limit=50").body();
    assertThat(all.findValuesAsText("event"))
        .containsExactly("Step 4", "Step 2", "Step 6", "Step 0", "Step 3", "Step 1", "Step 5");
    for (int limit = 1; limit <= 3; limit++) {
      java.util.List<String> paged = new java.util.ArrayList<>();
      String before = "";
      while (true) {
        JsonNode page =
            server.get("/api/profiles/" + id + "/events?limit=" + limit + before).body();
        if (page.isEmpty()) {
          break;
        }
        assertThat(page.size()).isLessThanOrEqualTo(limit);
        paged.addAll(page.findValuesAsText("event"));
        before = "&before=" + page.get(page.size() - 1).path("seq").asLong();
      }
      assertThat(paged).as("pages of %d", limit).isEqualTo(all.findValuesAsText("event"));
    }
  }

  @Test
  void orders_refunds_and_cancellations_keep_the_commerce_aggregates_right() {
    send("/v1/identify", "{\"userId\":\"bob\",\"traits\":{\"email\":\"bob@example.com\"}}");
    send(
        "/v1/track",
        "{\"userId\":\"bob\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"B-1\",\"revenue\":100,\"currency\":\"EUR\",\"products\":[{\"product_id\":\"tea\",\"price\":25,\"quantity\":4,\"name\":\"Tea\",\"category\":\"Drinks\"}]}}");
    // the same order sent again under another messageId counts once
    send(
        "/v1/track",
        "{\"userId\":\"bob\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"B-1\",\"revenue\":100}}");
    send(
        "/v1/track",
        "{\"userId\":\"bob\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"B-2\",\"total\":50}}");
    send(
        "/v1/track",
        "{\"userId\":\"bob\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"B-3\",\"products\":[{\"product_id\":\"cup\",\"price\":5,\"quantity\":2}]}}");
    send(
        "/v1/track",
        "{\"userId\":\"bob\",\"event\":\"Order Refunded\",\"properties\":{\"order_id\":\"B-1\",\"total\":30}}");
    send(
        "/v1/track",
        "{\"userId\":\"bob\",\"event\":\"Order Cancelled\",\"properties\":{\"order_id\":\"B-2\"}}");

    JsonNode bob = profile("userId:bob");
    assertThat(bob.path("orders_count").asInt()).isEqualTo(2);
    assertThat(bob.path("revenue").decimalValue()).isEqualByComparingTo("80"); // 100 - 30 + 10
    assertThat(bob.path("average_order_value").decimalValue()).isEqualByComparingTo("40");
    assertThat(bob.path("refunds_count").asInt()).isEqualTo(1);
    assertThat(bob.path("refunded").decimalValue()).isEqualByComparingTo("30");
    assertThat(bob.path("first_order_at").asText()).isLessThan(bob.path("last_order_at").asText());

    JsonNode orders = server.get("/api/profiles/" + bob.path("id").asText() + "/orders").body();
    assertThat(orders.findValuesAsText("order_id")).containsExactlyInAnyOrder("B-1", "B-2", "B-3");
    JsonNode page2 =
        server.get("/api/profiles/" + bob.path("id").asText() + "/orders?limit=2&offset=2").body();
    assertThat(page2).hasSize(1);
    assertThat(page2.get(0).path("order_id").asText()).isEqualTo("B-1");
    JsonNode b1 = findOrder(orders, "B-1");
    assertThat(b1.path("status").asText()).isEqualTo("partially_refunded");
    assertThat(b1.path("lines").get(0).path("quantity").asInt()).isEqualTo(4);
    assertThat(findOrder(orders, "B-2").path("status").asText()).isEqualTo("cancelled");

    assertThat(
            server.count(
                "select count(*) from products where product_id = 'tea' and category = 'Drinks'"))
        .isEqualTo(1);
  }

  @Test
  void a_refund_sent_by_someone_else_changes_the_buyers_aggregates() {
    send(
        "/v1/track",
        "{\"userId\":\"ivy\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"I-1\",\"revenue\":40}}");
    send(
        "/v1/track",
        "{\"userId\":\"support-desk\",\"event\":\"Order Refunded\",\"properties\":{\"order_id\":\"I-1\",\"total\":15}}");
    JsonNode ivy = profile("userId:ivy");
    assertThat(ivy.path("revenue").decimalValue()).isEqualByComparingTo("25");
    assertThat(ivy.path("refunded").decimalValue()).isEqualByComparingTo("15");
    JsonNode desk = profile("userId:support-desk");
    assertThat(desk.path("revenue").decimalValue()).isEqualByComparingTo("0");
    assertThat(desk.path("refunds_count").asInt()).isZero();
  }

  @Test
  void the_cart_follows_adds_removes_and_is_cleared_by_the_order() {
    send(
        "/v1/track",
        "{\"userId\":\"cat\",\"event\":\"Product Added\",\"properties\":{\"product_id\":\"a\",\"price\":10,\"quantity\":1}}");
    send(
        "/v1/track",
        "{\"userId\":\"cat\",\"event\":\"Product Added\",\"properties\":{\"product_id\":\"a\",\"price\":10,\"quantity\":2}}");
    send(
        "/v1/track",
        "{\"userId\":\"cat\",\"event\":\"Product Added\",\"properties\":{\"product_id\":\"b\",\"price\":4.5}}");
    send(
        "/v1/track",
        "{\"userId\":\"cat\",\"event\":\"Product Removed\",\"properties\":{\"product_id\":\"a\",\"quantity\":1}}");
    JsonNode cart = profile("userId:cat").path("cart");
    assertThat(cart.path("items")).hasSize(2);
    assertThat(cart.path("value").decimalValue()).isEqualByComparingTo("24.5");
    assertThat(cart.path("item_count").asInt()).isEqualTo(3);

    send(
        "/v1/track",
        "{\"userId\":\"cat\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"C-1\",\"revenue\":24.5}}");
    assertThat(profile("userId:cat").path("cart").isNull()).isTrue();
    // a Product Added from before the order, arriving late, does not refill the bought cart
    send(
        "/v1/track",
        "{\"userId\":\"cat\",\"event\":\"Product Added\",\"timestamp\":\"2026-05-01T08:00:00Z\",\"properties\":{\"product_id\":\"late\",\"price\":3}}");
    assertThat(profile("userId:cat").path("cart").isNull()).isTrue();
    // a product viewed by sku only still counts as viewed
    send(
        "/v1/track",
        "{\"userId\":\"cat\",\"event\":\"Product Viewed\",\"properties\":{\"sku\":\"SKU-9\"}}");
    assertThat(profile("userId:cat").path("viewed_products").get(0).path("product_id").asText())
        .isEqualTo("SKU-9");
  }

  @Test
  void an_order_named_by_checkout_id_counts_once_and_absurd_quantities_are_refused() {
    send(
        "/v1/track",
        "{\"userId\":\"chk\",\"event\":\"Order Completed\",\"properties\":{\"checkout_id\":\"CH-1\",\"revenue\":30}}");
    send(
        "/v1/track",
        "{\"userId\":\"chk\",\"event\":\"Order Completed\",\"properties\":{\"checkout_id\":\"CH-1\",\"revenue\":30}}");
    assertThat(
            server
                .track(
                    "/v1/track",
                    "{\"userId\":\"chk\",\"event\":\"Product Added\",\"properties\":{\"product_id\":\"x\",\"price\":1000000000,\"quantity\":2000000000}}")
                .body()
                .path("field")
                .asText())
        .isEqualTo("properties.quantity");
    assertThat(
            server
                .track(
                    "/v1/track",
                    "{\"userId\":\"chk\",\"event\":\"Product Added\",\"properties\":{\"product_id\":\"y\",\"price\":2,\"quantity\":-3}}")
                .status())
        .isEqualTo(400);
    JsonNode chk = profile("userId:chk");
    assertThat(chk.path("orders_count").asInt()).isEqualTo(1);
    assertThat(chk.path("revenue").decimalValue()).isEqualByComparingTo("30");
    assertThat(chk.path("cart").isNull()).as("neither absurd line entered the cart").isTrue();
  }

  @Test
  void two_customers_sharing_a_browser_are_never_merged() {
    send("/v1/identify", "{\"userId\":\"dan\",\"anonymousId\":\"family-pc\"}");
    send("/v1/identify", "{\"userId\":\"eve\",\"anonymousId\":\"family-pc\"}");
    JsonNode dan = profile("userId:dan");
    JsonNode eve = profile("userId:eve");
    assertThat(dan.path("id")).isNotEqualTo(eve.path("id"));
    assertThat(profile("anonymousId:family-pc").path("id")).isEqualTo(dan.path("id"));
  }

  @Test
  void bad_management_requests_name_the_field() {
    assertThat(server.get("/api/profiles/not-a-uuid").body().path("field").asText())
        .isEqualTo("id");
    assertThat(server.get("/api/profiles?identifier=nocolon").body().path("field").asText())
        .isEqualTo("identifier");
    assertThat(server.get("/api/profiles?limit=0").body().path("field").asText())
        .isEqualTo("limit");
    assertThat(server.get("/api/profiles?identifier=email:nobody@example.com").status())
        .isEqualTo(404);
    assertThat(server.post("/api/merges/1/undo", "", "Bearer wrong").status()).isEqualTo(401);
  }

  @Test
  void profiles_can_be_searched_by_trait() {
    send("/v1/identify", "{\"userId\":\"fay\",\"traits\":{\"tier\":\"vip\",\"city\":\"Leeds\"}}");
    send("/v1/identify", "{\"userId\":\"gus\",\"traits\":{\"tier\":\"vip\",\"city\":\"York\"}}");
    send("/v1/identify", "{\"userId\":\"hil\",\"traits\":{\"newsletter\":true,\"visits\":3}}");
    JsonNode found = server.get("/api/profiles?trait=tier:vip&trait=city:York").body();
    assertThat(found.path("profiles")).hasSize(1);
    JsonNode typed = server.get("/api/profiles?trait=newsletter:true&trait=visits:3").body();
    assertThat(typed.path("profiles")).hasSize(1);
    assertThat(typed.path("profiles").get(0).path("traits").path("visits").asInt()).isEqualTo(3);
    assertThat(found.path("profiles").get(0).path("traits").path("city").asText())
        .isEqualTo("York");
  }

  private static JsonNode findOrder(JsonNode orders, String id) {
    for (JsonNode order : orders) {
      if (order.path("order_id").asText().equals(id)) {
        return order;
      }
    }
    throw new AssertionError("no order " + id);
  }
}
