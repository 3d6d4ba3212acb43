package dev.kairos.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.testing.Await;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Journeys wired to segments, end to end over HTTP with the journey worker running: a person whose
 * tracked events put them in a segment starts a {@code segment_entered} journey and its message
 * lands in the sandbox; leaving the segment ends the run through {@code exit_on}; a {@code
 * condition} step written in the segment language chooses the branch; the segment language's
 * problems are refused on save naming the step and the condition's JSON path.
 */
class SegmentJourneysTest {
  static final SettableClock CLOCK = new SettableClock(Instant.parse("2026-03-02T12:00:00Z"));
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(CLOCK);
    ok(
        server.admin(
            "POST",
            "/api/segments",
            """
            {"key": "big_carts", "name": "Big carts",
             "condition": {"field": "cart_value", "op": "gt", "value": 50}}"""));
    for (String key : List.of("big-cart", "keen", "casual")) {
      ok(
          server.admin(
              "POST",
              "/api/templates",
              "{\"key\": \""
                  + key
                  + "\", \"channel\": \"email\", \"subject\": \""
                  + key
                  + "\", \"html\": \"<p>{{ profile.traits.first_name }}</p>\"}"));
    }
    ok(
        server.admin(
            "POST",
            "/api/journeys",
            """
            {"key": "big-cart-nudge", "name": "Big cart nudge",
             "trigger": {"segment_entered": "big_carts"},
             "exit_on": [{"segment_exited": "big_carts"}],
             "start": "nudge",
             "steps": {
               "nudge": {"type": "send", "channel": "email", "template": "big-cart", "next": "later"},
               "later": {"type": "delay", "duration": "P1D", "next": "again"},
               "again": {"type": "send", "channel": "email", "template": "big-cart", "next": "exit"}
             }}"""));
    ok(server.admin("POST", "/api/journeys/big-cart-nudge/publish", ""));
    ok(
        server.admin(
            "POST",
            "/api/journeys",
            """
            {"key": "checkout-follow-up", "name": "Checkout follow-up",
             "trigger": {"event": "Checkout Started"},
             "start": "keen",
             "steps": {
               "keen": {"type": "condition",
                        "condition": {"and": [
                          {"performed": "Product Viewed", "count": {"op": "gte", "value": 2}, "within_days": 7},
                          {"trait": "plan", "op": "in", "value": ["gold", "silver"]}]},
                        "yes": "to_keen", "no": "to_casual"},
               "to_keen": {"type": "send", "channel": "email", "template": "keen", "next": "exit"},
               "to_casual": {"type": "send", "channel": "email", "template": "casual", "next": "exit"}
             }}"""));
    ok(server.admin("POST", "/api/journeys/checkout-follow-up/publish", ""));
    ok(
        server.admin(
            "POST",
            "/api/journeys",
            """
            {"key": "wishlist-follow-up", "name": "Wishlist follow-up",
             "trigger": {"event": "Wishlist Added"},
             "start": "wait",
             "steps": {
               "wait": {"type": "delay", "duration": "PT1H", "next": "gold"},
               "gold": {"type": "condition", "condition": {"trait": "plan", "op": "eq", "value": "gold"},
                        "yes": "to_keen", "no": "to_casual"},
               "to_keen": {"type": "send", "channel": "email", "template": "keen", "next": "exit"},
               "to_casual": {"type": "send", "channel": "email", "template": "casual", "next": "exit"}
             }}"""));
    ok(server.admin("POST", "/api/journeys/wishlist-follow-up/publish", ""));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void entering_a_segment_starts_the_journey_and_leaving_it_ends_the_run()
      throws InterruptedException {
    server.trackOk(
        "/v1/identify", "{\"userId\": \"carla\", \"traits\": {\"first_name\": \"Carla\"}}");
    track("carla", "Product Added", "{\"product_id\": \"lamp\", \"price\": 30, \"quantity\": 1}");
    String id = server.profile("userId:carla").get("id").asText();
    track("carla", "Product Added", "{\"product_id\": \"rug\", \"price\": 25, \"quantity\": 1}");

    Await.until(() -> sandboxed(id) == 1, "the nudge in the sandbox");
    JsonNode message = messages(id).get(0);
    assertThat(message.get("status").asText()).isEqualTo("sandboxed");
    assertThat(message.get("subject").asText()).isEqualTo("big-cart");
    assertThat(message.get("body").asText()).isEqualTo("<p>Carla</p>");
    JsonNode run = run(id, "big-cart-nudge");
    assertThat(run.get("trace").get(0).get("detail").get("segment_entered").asText())
        .isEqualTo("big_carts");

    track("carla", "Order Completed", "{\"order_id\": \"o-carla\", \"revenue\": 55}");
    Await.until(
        () -> run(id, "big-cart-nudge").get("status").asText().equals("exited"),
        "the run ended by leaving big_carts");
    assertThat(run(id, "big-cart-nudge").get("end_reason").asText()).contains("big_carts");
  }

  @Test
  void a_cart_below_the_segment_threshold_starts_nothing() throws InterruptedException {
    track("small", "Product Added", "{\"product_id\": \"pen\", \"price\": 50, \"quantity\": 1}");
    String small = server.profile("userId:small").get("id").asText();
    // a later qualifier proves the worker has passed the small cart's place in the feed
    track("later", "Product Added", "{\"product_id\": \"sofa\", \"price\": 900, \"quantity\": 1}");
    String later = server.profile("userId:later").get("id").asText();
    Await.until(() -> sandboxed(later) == 1, "the later qualifier's nudge");
    assertThat(messages(small)).as("cart_value 50 is not > 50").isEmpty();
    assertThat(server.get("/api/profiles/" + small + "/journeys").body().get("runs")).isEmpty();
  }

  @Test
  void a_condition_step_in_the_segment_language_chooses_the_branch() throws InterruptedException {
    for (String who : List.of("kim", "lou")) {
      server.trackOk(
          "/v1/identify", "{\"userId\": \"" + who + "\", \"traits\": {\"plan\": \"gold\"}}");
      track(who, "Product Viewed", "{\"product_id\": \"p1\"}");
    }
    track("kim", "Product Viewed", "{\"product_id\": \"p2\"}"); // kim has viewed twice, lou once
    track("kim", "Checkout Started", "{\"cart_id\": \"c-kim\"}");
    track("lou", "Checkout Started", "{\"cart_id\": \"c-lou\"}");
    String kim = server.profile("userId:kim").get("id").asText();
    String lou = server.profile("userId:lou").get("id").asText();

    Await.until(() -> sandboxed(kim) == 1, "kim's message");
    Await.until(() -> sandboxed(lou) == 1, "lou's message");
    assertThat(messages(kim).get(0).get("subject").asText()).isEqualTo("keen");
    assertThat(messages(lou).get(0).get("subject").asText()).isEqualTo("casual");
    JsonNode decided = null;
    for (JsonNode t : run(lou, "checkout-follow-up").get("trace")) {
      decided = t.get("type").asText().equals("condition") ? t : decided;
    }
    assertThat(decided).as("the condition's trace entry").isNotNull();
    assertThat(decided.get("outcome").asText()).isEqualTo("no");
    assertThat(decided.get("detail").get("condition").asText())
        .as("which part failed, with what was seen")
        .contains("Product Viewed")
        .contains("did not hold");
  }

  @Test
  void a_condition_is_judged_on_the_person_the_runs_profile_was_merged_into()
      throws InterruptedException {
    server.trackOk("/v1/identify", "{\"userId\": \"zed\", \"traits\": {\"plan\": \"gold\"}}");
    server.trackOk(
        "/v1/track",
        "{\"anonymousId\": \"anon-zed\", \"event\": \"Wishlist Added\","
            + " \"properties\": {\"product_id\": \"p9\"}}");
    server.awaitApplied();
    String visitor = server.profile("anonymousId:anon-zed").get("id").asText();
    Await.until(
        () -> server.get("/api/profiles/" + visitor + "/journeys").body().get("runs").size() == 1,
        "the visitor's run waiting in its delay");
    server.trackOk("/v1/identify", "{\"userId\": \"zed\", \"anonymousId\": \"anon-zed\"}");
    server.awaitApplied();
    assertThat(
            server.count(
                "select count(*) from profiles where id = '"
                    + visitor
                    + "' and merged_into is not null"))
        .as("the visitor's profile was merged into zed's")
        .isEqualTo(1);

    String zed = server.profile("userId:zed").get("id").asText();
    Await.until(
        () -> server.get("/api/profiles/" + zed + "/journeys").body().get("runs").size() == 1,
        "the run following the merge to zed's profile");

    CLOCK.advance(java.time.Duration.ofMinutes(61));
    Await.until(() -> sandboxed(zed) == 1, "the follow-up after the delay");
    assertThat(messages(zed).get(0).get("subject").asText())
        .as("zed's plan counts, though the run started on the anonymous profile")
        .isEqualTo("keen");
  }

  @Test
  void a_condition_the_segment_language_refuses_is_reported_with_its_step_and_path() {
    TestServer.Response refused =
        server.admin(
            "POST",
            "/api/journeys",
            """
            {"key": "broken", "trigger": {"event": "Signed Up"}, "start": "check",
             "steps": {
               "check": {"type": "condition",
                         "condition": {"and": [{"field": "cart_value", "op": "gt", "value": 10},
                                               {"field": "cart_valu", "op": "gt", "value": 10}]},
                         "yes": "exit", "no": "pick"},
               "pick": {"type": "split", "otherwise": "exit",
                        "branches": [{"condition": {"segment": "no_such_segment"}, "next": "exit"}]}
             }}""");
    assertThat(refused.status()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    refused.body().get("problems").forEach(p -> fields.add(p.get("field").asText()));
    assertThat(fields)
        .anyMatch(f -> f.startsWith("steps.check.condition.and[1]"))
        .anyMatch(f -> f.startsWith("steps.pick.branches[0].condition"))
        .noneMatch(f -> f.startsWith("steps.check.condition.and[0]"));
    assertThat(server.get("/api/journeys/broken").status()).as("nothing saved").isEqualTo(404);
  }

  static void track(String userId, String event, String properties) {
    server.trackOk(
        "/v1/track",
        "{\"userId\": \""
            + userId
            + "\", \"event\": \""
            + event
            + "\", \"properties\": "
            + properties
            + "}");
    server.awaitApplied();
  }

  static List<JsonNode> messages(String profileId) {
    List<JsonNode> list = new ArrayList<>();
    server.get("/api/messages?profile_id=" + profileId).body().get("messages").forEach(list::add);
    return list;
  }

  static long sandboxed(String profileId) {
    return messages(profileId).stream()
        .filter(m -> m.get("status").asText().equals("sandboxed"))
        .count();
  }

  static JsonNode run(String profileId, String journey) {
    for (JsonNode run : server.get("/api/profiles/" + profileId + "/journeys").body().get("runs")) {
      if (run.get("journey").asText().equals(journey)) {
        return run;
      }
    }
    throw new AssertionError("no run of " + journey + " for " + profileId);
  }

  static TestServer.Response ok(TestServer.Response response) {
    assertThat(response.status()).as(response.text()).isBetween(200, 299);
    return response;
  }
}
