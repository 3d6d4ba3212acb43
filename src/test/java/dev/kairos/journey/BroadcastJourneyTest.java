package dev.kairos.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.app.JourneyModule;
import dev.kairos.delivery.store.OutboxStore;
import dev.kairos.journey.store.BroadcastTriggers;
import dev.kairos.journey.store.JourneyEngine;
import dev.kairos.journey.store.JourneyStore;
import dev.kairos.platform.http.Json;
import dev.kairos.testing.Await;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Broadcasts over HTTP with a driven clock: a send "at 10:00 in each person's time zone" reaches
 * Tokyo, Berlin, a person without a zone (the workspace's, UTC) and New York each at their own
 * 10:00 and nobody outside the segment; a recurring broadcast reaches each member once per
 * occurrence, however often and on however many nodes it is polled.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BroadcastJourneyTest {
  static final SettableClock CLOCK = new SettableClock(Instant.parse("2026-12-23T23:00:00Z"));
  static TestServer server;
  static JourneyModule journeys;

  @BeforeAll
  static void start() throws InterruptedException {
    server = TestServer.start(CLOCK, Map.of("KAIROS_JOURNEYS_WORKER", "off"));
    journeys = server.server().modules().journeys();
    ok(
        server.admin(
            "POST",
            "/api/segments",
            """
            {"key": "gold", "name": "Gold",
             "condition": {"trait": "plan", "op": "eq", "value": "gold"}}"""));
    ok(
        server.admin(
            "POST",
            "/api/templates",
            """
            {"key": "xmas", "channel": "email", "subject": "Merry Christmas {{ profile.traits.name }}",
             "html": "<p>{{ event.occurrence }}</p>"}"""));
    person("tokyo", "Asia/Tokyo", "gold");
    person("berlin", "Europe/Berlin", "gold");
    person("nowhere", null, "gold");
    person("newyork", "America/New_York", "gold");
    person("silver", "Europe/Berlin", "silver");
    Await.until(
        () -> server.get("/api/segments/gold/members").body().get("members").size() == 4,
        "four gold members");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  @Order(1)
  void a_local_time_broadcast_reaches_each_member_at_ten_in_their_own_time_zone() {
    ok(
        server.admin(
            "POST",
            "/api/journeys",
            """
            {"key": "xmas", "name": "Christmas greeting",
             "trigger": {"broadcast": {"segment": "gold", "at": "2026-12-24T10:00",
                                       "person_local_time": true}},
             "start": "greet",
             "steps": {"greet": {"type": "send", "channel": "email", "template": "xmas", "next": "exit"}}}"""));
    ok(server.admin("POST", "/api/journeys/xmas/publish", ""));

    at("2026-12-24T00:30:00Z");
    assertThat(greeted()).isEmpty();
    at("2026-12-24T01:00:00Z"); // 10:00 in Tokyo
    assertThat(greeted()).containsExactly("tokyo");
    at("2026-12-24T08:59:00Z");
    assertThat(greeted()).containsExactly("tokyo");
    at("2026-12-24T09:00:00Z"); // 10:00 in Berlin
    assertThat(greeted()).containsExactly("tokyo", "berlin");
    at("2026-12-24T10:00:00Z"); // 10:00 UTC, the workspace's zone
    assertThat(greeted()).containsExactly("tokyo", "berlin", "nowhere");
    at("2026-12-24T15:00:00Z"); // 10:00 in New York
    assertThat(greeted()).containsExactly("tokyo", "berlin", "nowhere", "newyork");
    at("2026-12-26T15:00:00Z"); // a one-off broadcast does not come again
    assertThat(greeted()).hasSize(4);

    JsonNode message = messages("xmas").get(0);
    assertThat(message.get("subject").asText()).isEqualTo("Merry Christmas tokyo");
    assertThat(message.get("body").asText()).isEqualTo("<p>2026-12-24T10:00</p>");
    JsonNode view = ok(server.get("/api/journeys/xmas/broadcasts")).body();
    assertThat(view.get("segment").asText()).isEqualTo("gold");
    assertThat(view.get("person_local_time").asBoolean()).isTrue();
    assertThat(view.get("next_occurrence").isNull()).isTrue();
    JsonNode occurrence = view.get("occurrences").get(0);
    assertThat(occurrence.get("occurrence").asText()).isEqualTo("2026-12-24T10:00");
    assertThat(occurrence.get("entered").asLong()).isEqualTo(4);
    assertThat(occurrence.get("sends").asLong()).isEqualTo(4);
  }

  @Test
  @Order(2)
  void a_recurring_broadcast_reaches_each_member_once_per_occurrence_across_two_nodes()
      throws Exception {
    CLOCK.set(Instant.parse("2027-01-04T07:00:00Z"));
    ok(
        server.admin(
            "POST",
            "/api/journeys",
            """
            {"key": "weekly", "name": "Weekly news",
             "trigger": {"broadcast": {"segment": "gold", "at": "2027-01-04T08:00", "every": "P7D"}},
             "start": "news",
             "steps": {"news": {"type": "send", "channel": "email", "template": "xmas", "next": "exit"}}}"""));
    ok(server.admin("POST", "/api/journeys/weekly/publish", ""));
    JsonNode before = ok(server.get("/api/journeys/weekly/broadcasts")).body();
    assertThat(before.get("next_occurrence").asText()).isEqualTo("2027-01-04T08:00");

    BroadcastTriggers second = secondNode();
    for (String week : List.of("2027-01-04T08:00:00Z", "2027-01-11T08:00:00Z")) {
      CLOCK.set(Instant.parse(week));
      for (int round = 0; round < 3; round++) {
        CompletableFuture<Integer> other = CompletableFuture.supplyAsync(second::poll);
        journeys.workUntilIdle();
        other.get();
        CLOCK.advance(Duration.ofMinutes(1));
      }
      journeys.workUntilIdle();
    }

    assertThat(server.count("select count(*) from journey_runs where journey_key = 'weekly'"))
        .isEqualTo(8);
    assertThat(
            server.count(
                "select count(*) from (select profile_id, trigger ->> 'occurrence' from journey_runs"
                    + " where journey_key = 'weekly' group by 1, 2 having count(*) > 1) twice"))
        .isZero();
    assertThat(messages("weekly")).hasSize(8);
    JsonNode view = ok(server.get("/api/journeys/weekly/broadcasts")).body();
    assertThat(view.get("next_occurrence").asText()).isEqualTo("2027-01-18T08:00");
    assertThat(view.get("occurrences").get(0).get("occurrence").asText())
        .isEqualTo("2027-01-11T08:00");
    assertThat(view.get("occurrences").get(0).get("entered").asLong()).isEqualTo(4);
  }

  @Test
  void a_broadcast_to_an_unknown_segment_or_with_an_empty_period_is_refused_naming_the_field() {
    TestServer.Response unknown =
        server.admin(
            "POST",
            "/api/journeys",
            """
            {"key": "nobody", "trigger": {"broadcast": {"segment": "no_such", "at": "2027-01-01T10:00"}},
             "start": "x", "steps": {"x": {"type": "exit"}}}""");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().get("field").asText()).isEqualTo("trigger.broadcast.segment");
    TestServer.Response empty =
        server.admin(
            "POST",
            "/api/journeys",
            """
            {"key": "nobody", "trigger": {"broadcast": {"segment": "gold", "at": "2027-01-01T10:00",
             "every": "P0D"}}, "start": "x", "steps": {"x": {"type": "exit"}}}""");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.body().get("field").asText()).isEqualTo("trigger.broadcast.every");
    assertThat(server.get("/api/journeys/nobody").status()).isEqualTo(404);
    assertThat(server.get("/api/journeys/nobody/broadcasts").status()).isEqualTo(404);
  }

  /** A second engine node on the same database, as another Kairos process would have. */
  static BroadcastTriggers secondNode() {
    var database = server.server().database();
    JourneyStore store = new JourneyStore(database, Json.MAPPER, CLOCK);
    JourneyEngine engine =
        new JourneyEngine(
            database,
            store,
            (id, condition, now) -> new ConditionResult.Holds(false, "not used"),
            new OutboxStore(database),
            ZoneOffset.UTC,
            CLOCK,
            500);
    return new BroadcastTriggers(database, store, engine, CLOCK);
  }

  static void at(String instant) {
    CLOCK.set(Instant.parse(instant));
    journeys.workUntilIdle();
  }

  static List<String> greeted() {
    List<String> names = new ArrayList<>();
    for (JsonNode m : messages("xmas")) {
      names.add(m.get("subject").asText().replace("Merry Christmas ", ""));
    }
    return names;
  }

  static JsonNode messages(String journey) {
    return ok(server.get("/api/messages?journey=" + journey + "&limit=100")).body().get("messages");
  }

  static void person(String userId, String zone, String plan) {
    String traits =
        "{\"name\": \""
            + userId
            + "\", \"plan\": \""
            + plan
            + "\""
            + (zone == null ? "" : ", \"timezone\": \"" + zone + "\"")
            + "}";
    server.trackOk("/v1/identify", "{\"userId\": \"" + userId + "\", \"traits\": " + traits + "}");
  }

  static TestServer.Response ok(TestServer.Response response) {
    assertThat(response.status()).as(response.text()).isBetween(200, 299);
    return response;
  }
}
