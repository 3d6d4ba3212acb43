package dev.kairos.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.app.JourneyModule;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cart-recovery journey end to end over HTTP: an event starts the run, the reminder lands in the
 * sandbox rendered with the profile and the event, the wait for the matching order times out into a
 * coupon and a second send, and the matching order ends another person's run as a conversion.
 */
class CartRecoveryJourneyTest {
  static final SettableClock CLOCK = new SettableClock(Instant.parse("2026-03-02T12:00:00Z"));
  static TestServer server;
  static JourneyModule journeys;

  @BeforeAll
  static void start() {
    server = TestServer.start(CLOCK, Map.of("KAIROS_JOURNEYS_WORKER", "off"));
    journeys = server.server().modules().journeys();
    ok(
        server.admin(
            "POST",
            "/api/templates",
            """
        {"key": "test-reminder", "channel": "email", "subject": "{{ profile.traits.first_name }}, your cart",
         "html": "<p>You left {{ event.product_id }} (cart {{ event.cart_id }})</p>"}"""));
    ok(
        server.admin(
            "POST",
            "/api/templates",
            """
        {"key": "test-coupon", "channel": "email", "subject": "10% off",
         "html": "Use {{ coupon.code }}"}"""));
    ok(
        server.admin(
            "POST",
            "/api/journeys",
            """
        {"key": "cart-recovery", "name": "Cart recovery",
         "trigger": {"event": "Product Added"},
         "entry": {"mode": "every_time"},
         "goal": {"event": "Order Completed", "within": "P7D"},
         "start": "first",
         "steps": {
           "first": {"type": "send", "channel": "email", "template": "test-reminder", "next": "wait"},
           "wait": {"type": "wait_for_event", "event": "Checkout Started", "match": ["cart_id"],
                    "timeout": "PT1H", "on_event": "exit", "on_timeout": "coupon"},
           "coupon": {"type": "coupon", "pattern": "CART-{code}", "next": "last"},
           "last": {"type": "send", "channel": "email", "template": "test-coupon", "next": "exit"}
         }}"""));
    ok(server.admin("POST", "/api/journeys/cart-recovery/publish", ""));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static TestServer.Response ok(TestServer.Response response) {
    assertThat(response.status()).as(response.text()).isBetween(200, 299);
    return response;
  }

  static void track(String userId, String event, String properties) {
    server.trackOk(
        "/v1/track",
        "{\"userId\": \""
            + userId
            + "\", \"event\": \""
            + event
            + "\", \"traits\": {\"first_name\": \"Ann\"}, \"properties\": "
            + properties
            + "}");
    server.awaitApplied();
  }

  static List<JsonNode> messages(String query) {
    List<JsonNode> list = new ArrayList<>();
    server.get("/api/messages?" + query).body().get("messages").forEach(list::add);
    return list;
  }

  @Test
  void an_abandoned_cart_gets_the_reminder_then_a_coupon_after_the_wait_times_out() {
    server.trackOk("/v1/identify", "{\"userId\": \"ann\", \"traits\": {\"first_name\": \"Ann\"}}");
    track("ann", "Product Added", "{\"product_id\": \"P1\", \"cart_id\": \"C1\"}");
    journeys.workUntilIdle();
    String id = server.profile("userId:ann").get("id").asText();

    List<JsonNode> sent = messages("profile_id=" + id);
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).get("status").asText()).isEqualTo("sandboxed");
    assertThat(sent.get(0).get("subject").asText()).isEqualTo("Ann, your cart");
    assertThat(sent.get(0).get("body").asText()).isEqualTo("<p>You left P1 (cart C1)</p>");

    // a checkout of another cart is not the one awaited
    track("ann", "Checkout Started", "{\"cart_id\": \"OTHER\"}");
    journeys.workUntilIdle();
    CLOCK.advance(Duration.ofMinutes(61));
    journeys.workUntilIdle();

    sent = messages("profile_id=" + id);
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1).get("body").asText()).matches("Use CART-[A-Z2-9]{8}");
    JsonNode run = server.get("/api/profiles/" + id + "/journeys").body().get("runs").get(0);
    assertThat(run.get("status").asText()).isEqualTo("completed");
    List<String> outcomes = new ArrayList<>();
    run.get("trace")
        .forEach(t -> outcomes.add(t.get("type").asText() + ":" + t.get("outcome").asText()));
    assertThat(outcomes)
        .containsSubsequence(
            "trigger:entered",
            "send:queued",
            "wait_for_event:waiting",
            "delivery:sandboxed",
            "wait_for_event:timed_out",
            "coupon:assigned",
            "send:queued",
            "delivery:sandboxed");
  }

  @Test
  void a_deleted_person_leaves_no_run_message_or_coupon_of_theirs() {
    server.trackOk(
        "/v1/identify", "{\"userId\": \"quen\", \"traits\": {\"first_name\": \"Quenby\"}}");
    track("quen", "Product Added", "{\"product_id\": \"P1\", \"cart_id\": \"Q1\"}");
    journeys.workUntilIdle();
    CLOCK.advance(Duration.ofMinutes(61));
    journeys.workUntilIdle();
    String id = server.profile("userId:quen").get("id").asText();
    assertThat(messages("profile_id=" + id)).hasSize(2);

    ok(server.admin("DELETE", "/api/profiles/" + id));
    journeys.workUntilIdle();

    for (String table : List.of("journey_runs", "messages", "coupon_codes")) {
      assertThat(server.count("select count(*) from " + table + " where profile_id = '" + id + "'"))
          .as(table)
          .isZero();
    }
    for (String table : List.of("journey_runs", "journey_trace", "messages", "delivery_attempts")) {
      assertThat(server.count("select count(*) from " + table + " t where t::text like '%Quenby%'"))
          .as(table + " holding the name")
          .isZero();
    }
  }

  @Test
  void the_matching_checkout_ends_the_wait_and_an_order_is_a_conversion_with_revenue() {
    track("bob", "Product Added", "{\"product_id\": \"P2\", \"cart_id\": \"C2\"}");
    journeys.workUntilIdle();
    track("bob", "Checkout Started", "{\"cart_id\": \"C2\"}");
    journeys.workUntilIdle();
    String id = server.profile("userId:bob").get("id").asText();
    JsonNode run = server.get("/api/profiles/" + id + "/journeys").body().get("runs").get(0);
    assertThat(run.get("status").asText()).isEqualTo("completed");
    assertThat(messages("profile_id=" + id)).hasSize(1);

    CLOCK.advance(Duration.ofMinutes(5));
    track("bob", "Product Added", "{\"product_id\": \"P3\", \"cart_id\": \"C3\"}");
    journeys.workUntilIdle();
    track("bob", "Order Completed", "{\"order_id\": \"O1\", \"revenue\": 42.5}");
    journeys.workUntilIdle();
    JsonNode second = server.get("/api/profiles/" + id + "/journeys").body().get("runs").get(1);
    assertThat(second.get("status").asText()).isEqualTo("converted");
    assertThat(second.get("revenue").decimalValue()).isEqualByComparingTo("42.5");
    JsonNode stats = server.get("/api/journeys/cart-recovery").body().get("stats");
    assertThat(stats.get("conversions").asLong()).isGreaterThanOrEqualTo(1);
  }
}
