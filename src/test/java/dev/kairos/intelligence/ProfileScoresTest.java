package dev.kairos.intelligence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RFM, lifecycle stages, replenishment and best send hours computed inside a real server from
 * orders sent through the tracking API, recomputed through the management API.
 */
class ProfileScoresTest {
  static final Instant START = Instant.parse("2026-05-01T09:00:00Z");
  final SettableClock clock = new SettableClock(START);
  TestServer server;
  int orders;

  @BeforeEach
  void start() {
    server = TestServer.start(clock, Map.of("KAIROS_INTELLIGENCE_SCHEDULE", "off"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /**
   * Five customers with distinct recency, frequency and monetary ranks (so each gets one fifth of
   * each score), a subscriber and an anonymous visitor.
   */
  void fiveCustomers() {
    orders("ann", 1, 50, days(1));
    orders("bob", 2, 100, days(3), days(10));
    orders("cat", 3, 300, days(20), days(30), days(40));
    orders("dan", 4, 600, days(90), days(100), days(110), days(115));
    orders("eve", 5, 1000, days(200), days(210), days(220), days(230), days(240));
    send("/v1/identify", "{\"userId\":\"sue\",\"traits\":{\"email\":\"sue@example.com\"}}");
    send("/v1/page", "{\"anonymousId\":\"just-looking\",\"name\":\"Home\"}");
  }

  @Test
  void customers_get_rfm_scores_cells_and_lifecycle_stages() {
    fiveCustomers();

    JsonNode summary = recompute("");

    assertThat(summary.path("kind").asText()).isEqualTo("full");
    assertThat(summary.path("profiles").asInt()).isEqualTo(7);
    assertThat(summary.path("steps").path("rfm").path("customers_ranked").asInt()).isEqualTo(5);
    assertRfm("ann", "511", "New");
    assertRfm("bob", "422", "Potential Loyalist");
    assertRfm("cat", "333", "Need Attention");
    assertRfm("dan", "244", "At Risk");
    assertRfm("eve", "155", "Can't Lose Them");
    assertThat(profile("userId:ann").path("rfm").path("cell_id").asText()).isEqualTo("NEW");

    assertThat(stage("userId:ann")).isEqualTo("first_time_buyer");
    assertThat(stage("userId:bob")).isEqualTo("repeat_buyer");
    assertThat(stage("userId:dan")).isEqualTo("repeat_buyer");
    assertThat(stage("userId:eve")).isEqualTo("at_risk"); // 200 days > 2 × 60-day default
    assertThat(stage("userId:sue")).isEqualTo("subscriber");
    assertThat(stage("anonymousId:just-looking")).isEqualTo("visitor");
    assertThat(profile("userId:sue").path("rfm").isNull()).isTrue();
    assertThat(profile("userId:ann").path("lifecycle_stage_since").asText())
        .isEqualTo(clock.instant().toString());
    assertThat(profile("userId:ann").path("best_send_hour").asInt()).isBetween(0, 23);
    assertThat(profile("userId:ann").path("best_send_hour_personal").asBoolean()).isFalse();

    // the first stage is announced on the timeline, except an anonymous visitor's
    assertThat(stageEvents("userId:ann")).hasSize(1);
    assertThat(stageEvents("userId:ann").get(0).path("properties").path("stage").asText())
        .isEqualTo("first_time_buyer");
    assertThat(stageEvents("userId:ann").get(0).path("properties").has("previous_stage")).isFalse();
    assertThat(stageEvents("anonymousId:just-looking")).isEmpty();
  }

  @Test
  void a_stage_change_appears_on_the_timeline_once_even_when_recomputed_twice() {
    fiveCustomers();
    recompute("");
    assertThat(stage("userId:dan")).isEqualTo("repeat_buyer");

    clock.advance(Duration.ofDays(35)); // dan's last order is now 125 days old: at risk
    JsonNode first = recompute("");
    JsonNode second = recompute("");

    assertThat(stage("userId:dan")).isEqualTo("at_risk");
    List<JsonNode> atRisk = new ArrayList<>();
    for (JsonNode event : stageEvents("userId:dan")) {
      if (event.path("properties").path("stage").asText().equals("at_risk")) {
        atRisk.add(event);
      }
    }
    assertThat(atRisk).hasSize(1);
    JsonNode change = atRisk.get(0);
    assertThat(change.path("properties").path("previous_stage").asText()).isEqualTo("repeat_buyer");
    assertThat(change.path("properties").path("profile_id").asText())
        .isEqualTo(profile("userId:dan").path("id").asText());
    assertThat(change.path("timestamp").asText()).isEqualTo(clock.instant().toString());
    assertThat(profile("userId:dan").path("lifecycle_stage_since").asText())
        .isEqualTo(clock.instant().toString());
    assertThat(first.path("stage_changes").asInt()).isPositive();
    assertThat(second.path("stage_changes").asInt()).isZero();
  }

  @Test
  void a_product_reordered_by_five_people_gets_a_due_date() {
    for (String person : List.of("p1", "p2", "p3", "p4", "p5")) {
      order(person, 20, START.minus(days(70)), "coffee", "mug");
      order(person, 20, START.minus(days(40)), "coffee");
      order(person, 20, START.minus(days(10)), "coffee", "mug");
    }
    recompute("");

    String id = profile("userId:p1").path("id").asText();
    JsonNode due = server.get("/api/profiles/" + id + "/replenishment").body();
    assertThat(due.path("profile_id").asText()).isEqualTo(id);
    assertThat(due.path("products")).hasSize(2);
    JsonNode coffee = due.path("products").get(0);
    assertThat(coffee.path("product_id").asText()).isEqualTo("coffee");
    assertThat(coffee.path("interval_days").asDouble()).isEqualTo(30.0);
    assertThat(coffee.path("repeat_buyers").asInt()).isEqualTo(5);
    assertThat(coffee.path("last_purchased_at").asText())
        .isEqualTo(START.minus(days(10)).toString());
    assertThat(coffee.path("due_at").asText()).isEqualTo(START.plus(days(20)).toString());
    JsonNode mug = due.path("products").get(1);
    assertThat(mug.path("product_id").asText()).isEqualTo("mug");
    assertThat(mug.path("due_at").asText()).isEqualTo(START.plus(days(50)).toString());

    order("p6", 20, START.minus(days(5)), "coffee"); // one purchase: no interval of their own
    String someoneElse = profile("userId:p6").path("id").asText();
    recompute("?scope=changed");
    JsonNode theirs = server.get("/api/profiles/" + someoneElse + "/replenishment").body();
    assertThat(theirs.path("products").get(0).path("due_at").asText())
        .isEqualTo(START.plus(days(25)).toString());
    assertThat(
            server.get("/api/profiles/" + java.util.UUID.randomUUID() + "/replenishment").status())
        .isEqualTo(404);
  }

  @Test
  void the_incremental_pass_rescores_only_profiles_whose_orders_changed() {
    fiveCustomers();
    clock.advance(Duration.ofMinutes(10));
    recompute("");
    String bobBefore = profile("userId:bob").path("rfm").path("computed_at").asText();

    clock.advance(Duration.ofMinutes(10));
    order("ann", 70, clock.instant(), "tea");
    clock.advance(Duration.ofMinutes(10));
    JsonNode pass = recompute("?scope=changed");

    assertThat(pass.path("kind").asText()).isEqualTo("incremental");
    assertThat(pass.path("profiles").asInt()).isEqualTo(1);
    assertThat(pass.path("stage_changes").asInt()).isEqualTo(1);
    JsonNode ann = profile("userId:ann");
    assertThat(ann.path("lifecycle_stage").asText()).isEqualTo("repeat_buyer");
    assertThat(ann.path("rfm").path("frequency").asInt()).isEqualTo(2);
    assertThat(ann.path("rfm").path("computed_at").asText()).isEqualTo(clock.instant().toString());
    assertThat(profile("userId:bob").path("rfm").path("computed_at").asText()).isEqualTo(bobBefore);

    clock.advance(Duration.ofMinutes(10));
    assertThat(recompute("?scope=changed").path("profiles").asInt()).isZero();
  }

  @Test
  void orders_of_a_profile_merged_into_another_count_for_the_survivor() {
    send(
        "/v1/track",
        "{\"anonymousId\":\"zoe-phone\",\"event\":\"Order Completed\",\"timestamp\":\""
            + START.minus(days(20))
            + "\",\"properties\":{\"order_id\":\"z1\",\"revenue\":40}}");
    order("zoe", 60, START.minus(days(2)), "tea");
    send("/v1/identify", "{\"userId\":\"zoe\",\"anonymousId\":\"zoe-phone\"}");

    recompute("");

    JsonNode zoe = profile("userId:zoe");
    assertThat(profile("anonymousId:zoe-phone").path("id")).isEqualTo(zoe.path("id"));
    // two orders and the shop's top lifetime revenue (she is its only customer): a VIP
    assertThat(zoe.path("lifecycle_stage").asText()).isEqualTo("vip");
    assertThat(zoe.path("rfm").path("score").asText()).isEqualTo("111"); // ranked alone
  }

  @Test
  void recomputing_needs_the_admin_token_and_a_known_scope() {
    assertThat(server.post("/api/intelligence/recompute", "", null).status()).isEqualTo(401);
    TestServer.Response wrong = server.admin("POST", "/api/intelligence/recompute?scope=some");
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.body().path("field").asText()).isEqualTo("scope");
  }

  // helpers

  void orders(String userId, int count, int total, Duration... ago) {
    for (Duration before : ago) {
      order(userId, total / count, START.minus(before), "p-" + userId);
    }
  }

  void order(String userId, int revenue, Instant at, String... products) {
    StringBuilder lines = new StringBuilder();
    for (String product : products) {
      lines.append(lines.length() == 0 ? "" : ",");
      lines.append("{\"product_id\":\"").append(product).append("\",\"price\":1,\"quantity\":1}");
    }
    send(
        "/v1/track",
        "{\"userId\":\""
            + userId
            + "\",\"event\":\"Order Completed\",\"timestamp\":\""
            + at
            + "\",\"properties\":{\"order_id\":\"o"
            + (++orders)
            + "\",\"revenue\":"
            + revenue
            + ",\"products\":["
            + lines
            + "]}}");
  }

  void send(String path, String json) {
    TestServer.Response response = server.track(path, json);
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    server.awaitApplied(); // applied at this instant, before the test moves the clock on
  }

  JsonNode recompute(String query) {
    TestServer.Response response = server.admin("POST", "/api/intelligence/recompute" + query);
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response.body();
  }

  JsonNode profile(String identifier) {
    TestServer.Response response = server.get("/api/profiles?identifier=" + identifier);
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response.body();
  }

  String stage(String identifier) {
    return profile(identifier).path("lifecycle_stage").asText();
  }

  void assertRfm(String userId, String score, String cell) {
    JsonNode rfm = profile("userId:" + userId).path("rfm");
    assertThat(rfm.path("score").asText()).as(userId).isEqualTo(score);
    assertThat(rfm.path("cell").asText()).as(userId).isEqualTo(cell);
  }

  List<JsonNode> stageEvents(String identifier) {
    String id = profile(identifier).path("id").asText();
    JsonNode timeline = server.get("/api/profiles/" + id + "/events?limit=1000").body();
    List<JsonNode> changes = new ArrayList<>();
    for (JsonNode event : timeline) {
      if ("Lifecycle Stage Changed".equals(event.path("event").asText())) {
        changes.add(event);
      }
    }
    return changes;
  }

  static Duration days(int days) {
    return Duration.ofDays(days);
  }
}
