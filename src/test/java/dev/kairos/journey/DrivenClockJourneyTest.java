package dev.kairos.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.app.JourneyModule;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A driven clock moves runs through week-long waits, a DST change, quiet hours, frequency caps,
 * suppression, pauses and new versions, without sleeping. Quiet hours 21:00–08:00 and one email a
 * day per person; people live in Berlin.
 */
class DrivenClockJourneyTest {
  static final SettableClock CLOCK = new SettableClock(Instant.parse("2026-03-02T12:00:00Z"));
  static TestServer server;
  static JourneyModule journeys;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            CLOCK,
            Map.of(
                "KAIROS_JOURNEYS_WORKER", "off",
                "KAIROS_QUIET_HOURS", "21:00-08:00",
                "KAIROS_CAP_CHANNEL_DAY", "1"));
    journeys = server.server().modules().journeys();
    ok(
        server.admin(
            "POST",
            "/api/templates",
            "{\"key\": \"promo\", \"subject\": \"News\", \"text\": \"v1 {{ profile.traits.name }}\"}"));
    ok(
        server.admin(
            "POST",
            "/api/templates",
            "{\"key\": \"promo2\", \"subject\": \"News\", \"text\": \"v2 {{ profile.traits.name }}\"}"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static TestServer.Response ok(TestServer.Response response) {
    assertThat(response.status()).as(response.text()).isBetween(200, 299);
    return response;
  }

  static void journey(String json) {
    String key = json.replaceAll("(?s).*\"key\": \"([^\"]+)\".*", "$1");
    TestServer.Response existing = server.get("/api/journeys/" + key);
    ok(
        existing.status() == 404
            ? server.admin("POST", "/api/journeys", json)
            : server.admin("PUT", "/api/journeys/" + key, json));
    ok(server.admin("POST", "/api/journeys/" + key + "/publish", ""));
  }

  static String person(String userId) {
    server.trackOk(
        "/v1/identify",
        "{\"userId\": \""
            + userId
            + "\", \"traits\": {\"name\": \""
            + userId
            + "\", \"timezone\": \"Europe/Berlin\"}}");
    server.awaitApplied();
    return server.profile("userId:" + userId).get("id").asText();
  }

  static void track(String userId, String event) {
    server.trackOk("/v1/track", "{\"userId\": \"" + userId + "\", \"event\": \"" + event + "\"}");
    server.awaitApplied();
    journeys.workUntilIdle();
  }

  static List<JsonNode> messages(String profileId) {
    List<JsonNode> list = new ArrayList<>();
    server.get("/api/messages?profile_id=" + profileId).body().get("messages").forEach(list::add);
    return list;
  }

  static List<String> trace(String profileId, int run) {
    List<String> outcomes = new ArrayList<>();
    server
        .get("/api/profiles/" + profileId + "/journeys")
        .body()
        .get("runs")
        .get(run)
        .get("trace")
        .forEach(t -> outcomes.add(t.get("type").asText() + ":" + t.get("outcome").asText()));
    return outcomes;
  }

  static void at(String instant) {
    CLOCK.set(Instant.parse(instant));
    journeys.workUntilIdle();
  }

  @Test
  void a_week_long_delay_then_ten_oclock_local_lands_at_ten_after_the_dst_change() {
    journey(
        """
        {"key": "weekly", "trigger": {"event": "Joined Weekly"}, "start": "week",
         "steps": {"week": {"type": "delay", "duration": "P7D", "next": "morning"},
                   "morning": {"type": "wait_until", "time": "10:00", "next": "send"},
                   "send": {"type": "send", "channel": "email", "template": "promo", "next": "exit"}}}""");
    at("2026-03-21T12:00:00Z");
    String id = person("wendy");
    track("wendy", "Joined Weekly");
    at("2026-03-28T11:59:59Z");
    assertThat(messages(id)).isEmpty();
    at("2026-03-28T12:00:00Z"); // the week is over: now wait for 10:00 in Berlin
    at("2026-03-29T07:59:59Z"); // 09:59:59 CEST: not yet
    assertThat(messages(id)).isEmpty();
    at("2026-03-29T08:00:00Z"); // 10:00 CEST, the day clocks went forward
    List<JsonNode> sent = messages(id);
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).get("status").asText()).isEqualTo("sandboxed");
    assertThat(sent.get(0).get("body").asText()).isEqualTo("v1 wendy");
  }

  @Test
  void a_send_at_night_waits_for_the_end_of_quiet_hours_and_a_second_one_that_day_is_capped() {
    journey(
        """
        {"key": "nightly", "trigger": {"event": "Browsed Late"}, "start": "send",
         "steps": {"send": {"type": "send", "channel": "email", "template": "promo", "next": "exit"}}}""");
    at("2026-04-02T21:30:00Z"); // 23:30 in Berlin
    String id = person("nora");
    track("nora", "Browsed Late");
    assertThat(messages(id))
        .singleElement()
        .satisfies(m -> assertThat(m.get("status").asText()).isEqualTo("deferred"));
    assertThat(
            server
                .get("/api/profiles/" + id + "/journeys")
                .body()
                .get("runs")
                .get(0)
                .get("status")
                .asText())
        .isEqualTo("completed"); // the person advances anyway
    at("2026-04-03T05:59:00Z");
    assertThat(messages(id).get(0).get("status").asText()).isEqualTo("deferred");
    at("2026-04-03T06:00:00Z"); // 08:00 CEST
    assertThat(messages(id).get(0).get("status").asText()).isEqualTo("sandboxed");

    at("2026-04-03T10:00:00Z");
    track("nora", "Browsed Late");
    List<JsonNode> sent = messages(id);
    assertThat(sent.get(1).get("status").asText()).isEqualTo("suppressed");
    assertThat(sent.get(1).get("reason").asText())
        .isEqualTo("frequency cap reached: email per day (1)");
    assertThat(trace(id, 1)).contains("delivery:suppressed");

    at("2026-04-04T10:00:00Z"); // a new calendar day in Berlin
    track("nora", "Browsed Late");
    assertThat(messages(id).get(2).get("status").asText()).isEqualTo("sandboxed");
  }

  @Test
  void a_suppressed_person_advances_but_receives_nothing_and_the_trace_says_why() {
    journey(
        """
        {"key": "suppressed", "trigger": {"event": "Asked"}, "start": "send",
         "steps": {"send": {"type": "send", "channel": "email", "template": "promo",
                            "topic": "transactional", "next": "exit"}}}""");
    at("2026-05-02T10:00:00Z");
    String id = person("sam");
    // as operator changes do, the epoch moves on so the event processor drops its cached profile
    server.execute(
        "update event_cursor set epoch = epoch + 1; update profiles set suppressed = true where id = '"
            + id
            + "'");
    track("sam", "Asked");
    assertThat(messages(id).get(0).get("status").asText()).isEqualTo("suppressed");
    assertThat(messages(id).get(0).get("reason").asText()).isEqualTo("the profile is suppressed");
    assertThat(trace(id, 0)).contains("send:queued", "delivery:suppressed");
  }

  @Test
  void a_paused_journey_holds_due_steps_until_resumed_and_runs_keep_their_version() {
    journey(
        """
        {"key": "versioned", "trigger": {"event": "Started V"}, "start": "wait",
         "steps": {"wait": {"type": "delay", "duration": "P1D", "next": "send"},
                   "send": {"type": "send", "channel": "email", "template": "promo",
                            "topic": "transactional", "next": "exit"}}}""");
    at("2026-06-01T10:00:00Z");
    String first = person("vera");
    track("vera", "Started V");
    journey(
        """
        {"key": "versioned", "trigger": {"event": "Started V"}, "start": "wait",
         "steps": {"wait": {"type": "delay", "duration": "P1D", "next": "send"},
                   "send": {"type": "send", "channel": "email", "template": "promo2",
                            "topic": "transactional", "next": "exit"}}}""");
    String second = person("vic");
    track("vic", "Started V");
    ok(server.admin("POST", "/api/journeys/versioned/pause", ""));
    at("2026-06-03T10:00:00Z");
    assertThat(messages(first)).isEmpty();
    ok(server.admin("POST", "/api/journeys/versioned/resume", ""));
    journeys.workUntilIdle();
    assertThat(messages(first).get(0).get("body").asText()).isEqualTo("v1 vera");
    assertThat(messages(second).get(0).get("body").asText()).isEqualTo("v2 vic");
  }

  @Test
  void a_birthday_starts_one_run_on_the_day_once_nine_oclock_local_has_passed() {
    journey(
        """
        {"key": "bday", "trigger": {"date_trait": "birthday", "at": "09:00"}, "start": "coupon",
         "steps": {"coupon": {"type": "coupon", "pattern": "BDAY-{code}", "next": "send"},
                   "send": {"type": "send", "channel": "email", "template": "promo",
                            "topic": "transactional", "next": "exit"}}}""");
    at("2026-07-09T12:00:00Z");
    server.trackOk(
        "/v1/identify",
        "{\"userId\": \"bea\", \"traits\": {\"name\": \"bea\","
            + " \"timezone\": \"Europe/Berlin\", \"birthday\": \"1990-07-10\"}}");
    server.awaitApplied();
    String id = server.profile("userId:bea").get("id").asText();
    at("2026-07-10T06:54:00Z"); // 08:54 in Berlin
    assertThat(messages(id)).isEmpty();
    at("2026-07-10T07:00:00Z"); // 09:00
    assertThat(messages(id)).hasSize(1);
    at("2026-07-10T07:30:00Z");
    at("2026-07-10T20:30:00Z");
    assertThat(messages(id)).hasSize(1);
    assertThat(trace(id, 0)).contains("trigger:entered", "coupon:assigned", "send:queued");
  }
}
