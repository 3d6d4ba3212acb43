package dev.kairos.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.app.JourneyModule;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guarantee 5 for consent, checked at send time: a journey's marketing message goes only to a
 * person who granted its channel and topic (else it is {@code suppressed} with the reason), while
 * its transactional message goes to everyone reachable; a topic configured as legitimate interest
 * goes to those who did not deny it.
 */
class ConsentAtSendTimeTest {
  static final SettableClock CLOCK = new SettableClock(Instant.parse("2026-06-01T10:00:00Z"));
  static TestServer server;
  static JourneyModule journeys;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            CLOCK,
            Map.of(
                "KAIROS_JOURNEYS_WORKER", "off",
                "KAIROS_CONSENT_LEGITIMATE_INTEREST", "product_updates"));
    journeys = server.server().modules().journeys();
    ok(
        server.admin(
            "POST",
            "/api/templates",
            """
            {"key": "offer", "channel": "email", "subject": "Offer", "html": "<p>20% off</p>"}"""));
    ok(
        server.admin(
            "POST",
            "/api/journeys",
            """
            {"key": "welcome", "trigger": {"event": "Signed Up"}, "start": "promo",
             "steps": {
               "promo": {"type": "send", "channel": "email", "template": "offer",
                         "topic": "promotions", "next": "news"},
               "news": {"type": "send", "channel": "email", "template": "offer",
                        "topic": "product_updates", "next": "receipt"},
               "receipt": {"type": "send", "channel": "email", "template": "offer",
                           "topic": "transactional", "next": "exit"}
             }}"""));
    ok(server.admin("POST", "/api/journeys/welcome/publish", ""));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void without_consent_the_marketing_message_is_suppressed_and_the_transactional_one_goes() {
    Map<String, JsonNode> sent = signUp("none", null);
    assertThat(sent.get("promo").get("status").asText()).isEqualTo("suppressed");
    assertThat(sent.get("promo").get("reason").asText())
        .isEqualTo("no consent recorded for email/promotions");
    assertThat(sent.get("news").get("status").asText()).isEqualTo("sandboxed");
    assertThat(sent.get("receipt").get("status").asText()).isEqualTo("sandboxed");
  }

  @Test
  void a_grant_lets_the_marketing_message_go() {
    Map<String, JsonNode> sent = signUp("granted", "granted");
    assertThat(sent.get("promo").get("status").asText()).isEqualTo("sandboxed");
    assertThat(sent.get("receipt").get("status").asText()).isEqualTo("sandboxed");
  }

  @Test
  void a_denial_stops_marketing_even_on_legitimate_interest_but_not_transactional() {
    server.trackOk(
        "/v1/identify",
        "{\"userId\": \"denied\", \"traits\": {\"email\": \"denied@example.com\"}}");
    server.trackOk(
        "/v1/track",
        """
        {"userId": "denied", "event": "Consent Updated", "properties": {"channel": "email",
         "topic": "all", "status": "denied", "source": "unsubscribe page"}}""");
    Map<String, JsonNode> sent = signUp("denied", null);
    assertThat(sent.get("promo").get("reason").asText())
        .isEqualTo("consent denied for email/promotions");
    assertThat(sent.get("news").get("status").asText()).isEqualTo("suppressed");
    assertThat(sent.get("news").get("reason").asText())
        .isEqualTo("consent denied for email/product_updates");
    assertThat(sent.get("receipt").get("status").asText()).isEqualTo("sandboxed");
  }

  /** Signs the person up (granting promotions first when asked) and reads their messages. */
  static Map<String, JsonNode> signUp(String userId, String grant) {
    server.trackOk(
        "/v1/identify",
        "{\"userId\": \""
            + userId
            + "\", \"traits\": {\"email\": \""
            + userId
            + "@example.com\"}}");
    if (grant != null) {
      server.trackOk(
          "/v1/track",
          "{\"userId\": \""
              + userId
              + "\", \"event\": \"Consent Updated\", \"properties\": {\"channel\": \"email\","
              + " \"topic\": \"promotions\", \"status\": \"granted\", \"source\": \"signup\"}}");
    }
    server.trackOk("/v1/track", "{\"userId\": \"" + userId + "\", \"event\": \"Signed Up\"}");
    server.awaitApplied();
    journeys.workUntilIdle();
    String id = server.profile("userId:" + userId).get("id").asText();
    Map<String, JsonNode> byStep = new HashMap<>();
    server
        .get("/api/messages?profile_id=" + id)
        .body()
        .get("messages")
        .forEach(m -> byStep.put(m.get("step").asText(), m));
    assertThat(byStep).containsOnlyKeys("promo", "news", "receipt");
    return byStep;
  }

  static TestServer.Response ok(TestServer.Response response) {
    assertThat(response.status()).as(response.text()).isBetween(200, 299);
    return response;
  }
}
