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
 * When two profiles merge (an anonymous visitor signs in as a known customer), their active runs
 * follow the surviving profile: of two runs of the same journey the older goes on and the other
 * ends {@code exited} with the reason in its trace; runs of a concurrent journey all move; the
 * surviving person then receives the kept run's message once.
 */
class RunsFollowMergesTest {
  static final SettableClock CLOCK = new SettableClock(Instant.parse("2026-05-04T09:00:00Z"));
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
            "{\"key\": \"hello\", \"channel\": \"email\", \"subject\": \"Hello\", \"html\": \"<p>hi</p>\"}"));
    for (String key : List.of("browse", "visits")) {
      ok(
          server.admin(
              "POST",
              "/api/journeys",
              "{\"key\": \""
                  + key
                  + "\", \"trigger\": {\"event\": \"Product Viewed\"},"
                  + (key.equals("visits") ? " \"entry\": {\"concurrent\": true}," : "")
                  + " \"start\": \"wait\", \"steps\": {"
                  + " \"wait\": {\"type\": \"delay\", \"duration\": \"P1D\", \"next\": \"hello\"},"
                  + " \"hello\": {\"type\": \"send\", \"channel\": \"email\", \"template\": \"hello\","
                  + " \"next\": \"exit\"}}}"));
      ok(server.admin("POST", "/api/journeys/" + key + "/publish", ""));
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void merged_profiles_keep_the_older_run_of_a_journey_and_every_run_follows_the_survivor() {
    track("{\"anonymousId\": \"visitor-7\", \"event\": \"Product Viewed\"}");
    String visitor = server.profile("anonymousId:visitor-7").get("id").asText();
    CLOCK.advance(Duration.ofHours(1));
    track("{\"userId\": \"kim\", \"event\": \"Product Viewed\"}");
    String kim = server.profile("userId:kim").get("id").asText();
    assertThat(active(visitor)).containsExactlyInAnyOrder("browse", "visits");
    assertThat(active(kim)).containsExactlyInAnyOrder("browse", "visits");

    CLOCK.advance(Duration.ofMinutes(5));
    server.trackOk("/v1/identify", "{\"userId\": \"kim\", \"anonymousId\": \"visitor-7\"}");
    server.awaitApplied();
    journeys.workUntilIdle();

    String survivor = server.profile("userId:kim").get("id").asText();
    String other = survivor.equals(kim) ? visitor : kim;
    assertThat(server.profile("anonymousId:visitor-7").get("id").asText()).isEqualTo(survivor);
    JsonNode runs = ok(server.get("/api/profiles/" + survivor + "/journeys")).body().get("runs");
    List<String> activeAfter = active(survivor);
    assertThat(activeAfter).containsExactlyInAnyOrder("browse", "visits", "visits");
    // the older browse run (the visitor's, an hour earlier) goes on; kim's own one exited
    JsonNode keptBrowse = activeRun(runs, "browse");
    assertThat(keptBrowse.get("entered_at").asText()).isEqualTo("2026-05-04T09:00:00Z");
    assertThat(
            server.count(
                "select count(*) from journey_runs where journey_key = 'browse' and status = 'exited'"
                    + " and end_reason like 'profiles merged: an older run of this journey%'"
                    + " and entered_at = '2026-05-04T10:00:00Z'"))
        .isEqualTo(1);
    assertThat(
            server.count(
                "select count(*) from journey_trace where type = 'merge' and outcome = 'exited'"))
        .isEqualTo(1);
    assertThat(
            server.count(
                "select count(*) from journey_runs where status = 'active' and profile_id = '"
                    + other
                    + "'"))
        .isZero();

    CLOCK.advance(Duration.ofDays(2));
    journeys.workUntilIdle();
    JsonNode sent = ok(server.get("/api/messages?profile_id=" + survivor)).body().get("messages");
    List<String> byJourney = new ArrayList<>();
    sent.forEach(m -> byJourney.add(m.get("journey").asText()));
    assertThat(byJourney).containsExactlyInAnyOrder("browse", "visits", "visits");
  }

  static JsonNode activeRun(JsonNode runs, String journey) {
    for (JsonNode run : runs) {
      if (run.get("journey").asText().equals(journey)
          && run.get("status").asText().equals("active")) {
        return run;
      }
    }
    throw new AssertionError("no active run of " + journey + " in " + runs);
  }

  static List<String> active(String profile) {
    List<String> keys = new ArrayList<>();
    for (JsonNode run :
        ok(server.get("/api/profiles/" + profile + "/journeys")).body().get("runs")) {
      if (run.get("status").asText().equals("active")) {
        keys.add(run.get("journey").asText());
      }
    }
    return keys;
  }

  static void track(String json) {
    server.trackOk("/v1/track", json);
    server.awaitApplied();
    journeys.workUntilIdle();
  }

  static TestServer.Response ok(TestServer.Response response) {
    assertThat(response.status()).as(response.text()).isBetween(200, 299);
    return response;
  }
}
