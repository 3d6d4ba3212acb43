package dev.kairos.intelligence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recommendations served by a real server from orders and product views sent through the tracking
 * API: a small shop where many people buy a lamp with a bulb, a few with a shade (now out of
 * stock), and people who look at tea also look at coffee.
 */
class RecommendationsServedTest {
  static final Instant START = Instant.parse("2026-05-01T09:00:00Z");
  static final SettableClock clock = new SettableClock(START);
  static TestServer server;
  static int orders;
  static JsonNode firstAnswer;
  static String zoeBefore;
  static String zoePhoneBefore;

  @BeforeAll
  static void shop() {
    server = TestServer.start(clock);
    for (int i = 1; i <= 6; i++) {
      order("bulb-buyer-" + i, START.minus(Duration.ofDays(i)), "lamp", "bulb");
    }
    order("shade-buyer-1", START.minus(Duration.ofDays(3)), "lamp", "shade");
    order("shade-buyer-2", START.minus(Duration.ofDays(4)), "lamp", "shade");
    for (int i = 1; i <= 3; i++) {
      order("tea-drinker-" + i, START.minus(Duration.ofDays(i)), "mug", "tea");
      view("browser-" + i, START.minus(Duration.ofDays(i)), "tea");
      view("browser-" + i, START.minus(Duration.ofDays(i)).plusSeconds(60), "coffee");
    }
    order("ann", START.minus(Duration.ofDays(2)), "lamp");
    // zoe bought a lamp on her phone before she signed in, and a mug signed in
    send(
        "/v1/track",
        "{\"anonymousId\":\"zoe-phone\",\"event\":\"Order Completed\",\"timestamp\":\""
            + START.minus(Duration.ofDays(5))
            + "\",\"properties\":{\"order_id\":\"z1\",\"revenue\":1,"
            + "\"products\":[{\"product_id\":\"lamp\",\"quantity\":1}]}}");
    order("zoe", START.minus(Duration.ofDays(1)), "mug");
    zoePhoneBefore = server.profile("anonymousId:zoe-phone").path("id").asText();
    zoeBefore = server.profile("userId:zoe").path("id").asText();
    send("/v1/identify", "{\"userId\":\"zoe\",\"anonymousId\":\"zoe-phone\"}");
    server
        .server()
        .database()
        .inTransaction(
            c ->
                c.createStatement()
                    .executeUpdate(
                        "update products set in_stock = false where product_id = 'shade'"));
    firstAnswer = server.get("/api/products/lamp/recommendations").body();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void the_first_request_builds_the_model() {
    assertThat(firstAnswer.path("model_built_for").asText()).isEqualTo(START.toString());
    assertThat(firstAnswer.path("strategy").asText()).isEqualTo("frequently_bought_together");
  }

  @Test
  void a_rebuild_reports_what_it_read() {
    JsonNode build = rebuild();
    assertThat(build.path("purchases").asInt()).isEqualTo(6 * 2 + 2 * 2 + 3 * 2 + 1 + 1 + 1);
    assertThat(build.path("views").asInt()).isEqualTo(6);
    assertThat(build.path("interactions").asInt()).isEqualTo(25 + 6);
    assertThat(build.path("products").asInt()).isEqualTo(6);
    assertThat(build.path("build_millis").asDouble()).isPositive();
    assertThat(server.post("/api/recommendations/rebuild", "", null).status()).isEqualTo(401);
  }

  @Test
  void what_most_people_buy_with_a_product_comes_first() {
    rebuild();
    JsonNode answer = get("/api/products/lamp/recommendations?strategy=frequently_bought_together");
    assertThat(ids(answer)).startsWith("bulb");
    JsonNode bulb = answer.path("recommendations").get(0);
    assertThat(bulb.path("name").asText()).isEqualTo("Bulb");
    assertThat(bulb.path("category").asText()).isEqualTo("lighting");
    assertThat(bulb.path("price").asDouble()).isEqualTo(4.5);
    assertThat(bulb.path("strategy").asText()).isEqualTo("frequently_bought_together");
    assertThat(bulb.path("fallback").asBoolean()).isFalse();
    assertThat(bulb.path("reason").path("kind").asText()).isEqualTo("bought_together_with");
    assertThat(bulb.path("reason").path("product_id").asText()).isEqualTo("lamp");
    assertThat(bulb.path("score").asDouble()).isPositive();
  }

  @Test
  void an_out_of_stock_product_is_never_recommended() {
    rebuild();
    assertThat(ids(get("/api/products/lamp/recommendations"))).doesNotContain("shade");
    assertThat(ids(get("/api/products/bulb/recommendations?strategy=popular_in_category")))
        .doesNotContain("shade", "bulb")
        .contains("lamp");
  }

  @Test
  void a_next_best_offer_never_holds_what_the_person_bought_or_what_is_out_of_stock() {
    rebuild();
    String ann = server.profile("userId:ann").path("id").asText();
    JsonNode answer = get("/api/profiles/" + ann + "/recommendations?strategy=next_best_offer&k=5");
    assertThat(ids(answer)).startsWith("bulb").doesNotContain("lamp", "shade").hasSize(4);
    assertThat(answer.path("recommendations").get(0).path("fallback").asBoolean()).isFalse();
  }

  @Test
  void a_merged_profile_answers_for_the_surviving_one() {
    rebuild();
    String zoe = server.profile("userId:zoe").path("id").asText();
    for (String id : List.of(zoeBefore, zoePhoneBefore)) {
      JsonNode answer = get("/api/profiles/" + id + "/recommendations?strategy=next_best_offer");
      assertThat(answer.path("profile_id").asText()).isEqualTo(zoe);
      assertThat(ids(answer)).doesNotContain("lamp", "mug", "shade").contains("bulb", "tea");
    }
  }

  @Test
  void people_who_look_at_tea_also_look_at_coffee() {
    rebuild();
    JsonNode answer = get("/api/products/tea/recommendations?strategy=customers_also_viewed&k=3");
    assertThat(ids(answer)).startsWith("coffee");
    assertThat(answer.path("recommendations").get(0).path("reason").path("kind").asText())
        .isEqualTo("viewed_together_with");
  }

  @Test
  void a_bad_strategy_or_k_is_refused_naming_the_field() {
    String ann = server.profile("userId:ann").path("id").asText();
    TestServer.Response strategy =
        server.get("/api/profiles/" + ann + "/recommendations?strategy=customers_also_viewed");
    assertThat(strategy.status()).isEqualTo(400);
    assertThat(strategy.body().path("field").asText()).isEqualTo("strategy");
    TestServer.Response unknown = server.get("/api/products/lamp/recommendations?strategy=magic");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().path("field").asText()).isEqualTo("strategy");
    TestServer.Response k = server.get("/api/profiles/" + ann + "/recommendations?k=0");
    assertThat(k.status()).isEqualTo(400);
    assertThat(k.body().path("field").asText()).isEqualTo("k");
  }

  @Test
  void an_unknown_profile_or_product_is_not_found() {
    assertThat(server.get("/api/profiles/" + UUID.randomUUID() + "/recommendations").status())
        .isEqualTo(404);
    assertThat(server.get("/api/products/no-such-thing/recommendations").status()).isEqualTo(404);
  }

  // helpers

  static void order(String userId, Instant at, String... products) {
    StringBuilder lines = new StringBuilder();
    for (String product : products) {
      lines.append(lines.length() == 0 ? "" : ",");
      lines
          .append("{\"product_id\":\"")
          .append(product)
          .append("\",\"name\":\"")
          .append(Character.toUpperCase(product.charAt(0)))
          .append(product.substring(1))
          .append("\",\"category\":\"")
          .append(List.of("lamp", "bulb", "shade").contains(product) ? "lighting" : "kitchen")
          .append("\",\"price\":4.5,\"quantity\":1}");
    }
    send(
        "/v1/track",
        "{\"userId\":\""
            + userId
            + "\",\"event\":\"Order Completed\",\"timestamp\":\""
            + at
            + "\",\"properties\":{\"order_id\":\"o"
            + (++orders)
            + "\",\"revenue\":9,\"products\":["
            + lines
            + "]}}");
  }

  static void view(String userId, Instant at, String product) {
    send(
        "/v1/track",
        "{\"userId\":\""
            + userId
            + "\",\"event\":\"Product Viewed\",\"timestamp\":\""
            + at
            + "\",\"properties\":{\"product_id\":\""
            + product
            + "\"}}");
  }

  static void send(String path, String json) {
    server.trackOk(path, json);
  }

  static JsonNode rebuild() {
    TestServer.Response response = server.admin("POST", "/api/recommendations/rebuild");
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response.body();
  }

  static JsonNode get(String path) {
    TestServer.Response response = server.get(path);
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response.body();
  }

  static List<String> ids(JsonNode answer) {
    List<String> ids = new ArrayList<>();
    for (JsonNode r : answer.path("recommendations")) {
      ids.add(r.path("product_id").asText());
    }
    return ids;
  }
}
