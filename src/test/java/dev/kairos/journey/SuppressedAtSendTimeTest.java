package dev.kairos.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.app.JourneyModule;
import dev.kairos.identity.Identifier;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guarantee 5 at send time: a message queued for a person who is deleted before it is due, or whose
 * address is suppressed meanwhile, is {@code suppressed} with the reason, never handed to a
 * channel; the same journey still delivers to a person who is neither.
 */
class SuppressedAtSendTimeTest {
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
            {"key": "hello", "channel": "email", "subject": "Hello", "html": "<p>Hello</p>"}"""));
    ok(
        server.admin(
            "POST",
            "/api/journeys",
            """
            {"key": "welcome-later", "trigger": {"event": "Signed Up"}, "start": "wait",
             "steps": {
               "wait": {"type": "delay", "duration": "PT1H", "next": "hello"},
               "hello": {"type": "send", "channel": "email", "template": "hello", "next": "exit"}
             }}"""));
    ok(server.admin("POST", "/api/journeys/welcome-later/publish", ""));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void a_person_deleted_while_waiting_is_never_sent_anything_their_run_goes_with_them() {
    String id = signUp("del", "del@example.com");
    assertThat(server.count("select count(*) from journey_runs where profile_id = '" + id + "'"))
        .isEqualTo(1);
    ok(server.admin("DELETE", "/api/profiles/" + id));
    CLOCK.advance(Duration.ofMinutes(61));
    journeys.workUntilIdle();
    assertThat(server.count("select count(*) from journey_runs where profile_id = '" + id + "'"))
        .isZero();
    assertThat(server.count("select count(*) from messages where profile_id = '" + id + "'"))
        .isZero();
  }

  @Test
  void a_suppressed_address_gets_no_message_but_an_unsuppressed_one_does() {
    String kept = signUp("kept", "kept@example.com");
    String blocked = signUp("blocked", "Blocked@Example.com");
    String hash = new Identifier(Identifier.EMAIL, "blocked@example.com").valueSha256();
    server.execute(
        "insert into suppressed_identifiers (kind, value_sha256, reason, suppressed_at)"
            + " values ('email', '"
            + hash
            + "', 'complaint', now())");

    assertThat(dueMessage(blocked).get("status").asText()).isEqualTo("suppressed");
    assertThat(dueMessage(blocked).get("reason").asText()).contains("complaint");
    assertThat(dueMessage(kept).get("status").asText()).isEqualTo("sandboxed");
  }

  static String signUp(String userId, String email) {
    server.trackOk(
        "/v1/identify",
        "{\"userId\": \"" + userId + "\", \"traits\": {\"email\": \"" + email + "\"}}");
    server.trackOk("/v1/track", "{\"userId\": \"" + userId + "\", \"event\": \"Signed Up\"}");
    server.awaitApplied();
    journeys.workUntilIdle();
    return server.profile("userId:" + userId).get("id").asText();
  }

  /** Moves past the delay, lets the engine and the dispatcher work, and reads the one message. */
  static JsonNode dueMessage(String profileId) {
    CLOCK.advance(Duration.ofMinutes(61));
    journeys.workUntilIdle();
    JsonNode messages = server.get("/api/messages?profile_id=" + profileId).body().get("messages");
    assertThat(messages).hasSize(1);
    return messages.get(0);
  }

  static TestServer.Response ok(TestServer.Response response) {
    assertThat(response.status()).as(response.text()).isBetween(200, 299);
    return response;
  }
}
