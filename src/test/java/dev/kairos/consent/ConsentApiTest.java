package dev.kairos.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.testing.Await;
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
 * Consent per person, channel and topic over real HTTP: recorded by the API, by tracking events and
 * identify traits, kept as a full history, merged most restrictively (the history of both kept),
 * and read by the segment language's {@code consent} condition as soon as it changes.
 */
class ConsentApiTest {
  static final SettableClock CLOCK = new SettableClock(Instant.parse("2026-05-04T09:00:00Z"));
  static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            CLOCK,
            Map.of("KAIROS_JOURNEYS_WORKER", "off", "KAIROS_CONSENT_LEGITIMATE_INTEREST", ""));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void every_decision_is_kept_in_the_history_and_the_latest_is_the_current_answer() {
    String id = person("hist", "hist@example.com");
    Instant first = CLOCK.instant();
    ok(put(id, "promotions", "granted", "consent", "signup form"));
    CLOCK.advance(Duration.ofMinutes(5));
    JsonNode answer = ok(put(id, "promotions", "denied", "consent", "support call")).body();

    assertThat(answer.get("consent").toString()).isEqualTo("{\"email\":{\"promotions\":false}}");
    JsonNode topic = answer.get("topics").get(0);
    assertThat(topic.get("status").asText()).isEqualTo("denied");
    assertThat(topic.get("source").asText()).isEqualTo("support call");
    assertThat(topic.get("legal_basis").asText()).isEqualTo("consent");
    JsonNode history = server.get("/api/profiles/" + id + "/consent").body().get("history");
    assertThat(statuses(history)).containsExactly("denied", "granted");
    assertThat(history.get(1).get("source").asText()).isEqualTo("signup form");
    assertThat(history.get(1).get("recorded_at").asText()).isEqualTo(first.toString());
    assertThat(server.profile("userId:hist").get("consent").toString())
        .isEqualTo("{\"email\":{\"promotions\":false}}");
  }

  @Test
  void a_consent_updated_event_and_identify_traits_record_consent_with_their_source() {
    String id = person("track", "track@example.com");
    server.trackOk(
        "/v1/track",
        """
        {"userId": "track", "event": "Consent Updated", "properties": {"channel": "sms",
         "topic": "cart_reminders", "status": "granted", "legal_basis": "contract",
         "source": "checkout checkbox"}}""");
    server.trackOk(
        "/v1/identify",
        """
        {"userId": "track", "traits": {"consent": {"email": {"newsletter": true,
         "promotions": false}}}}""");
    server.awaitApplied();

    JsonNode consent = server.get("/api/profiles/" + id + "/consent").body();
    assertThat(consent.get("consent").toString())
        .isEqualTo(
            "{\"sms\":{\"cart_reminders\":true},\"email\":{\"newsletter\":true,\"promotions\":false}}");
    List<String> sources = new ArrayList<>();
    consent.get("history").forEach(h -> sources.add(h.get("source").asText()));
    assertThat(sources).contains("checkout checkbox", "identify traits");
    assertThat(consent.get("history").toString()).contains("\"legal_basis\":\"contract\"");
  }

  @Test
  void a_merge_keeps_the_most_restrictive_answer_and_the_history_of_both() {
    server.trackOk(
        "/v1/track",
        """
        {"anonymousId": "merge-device", "event": "Consent Updated", "properties":
         {"channel": "email", "topic": "promotions", "status": "granted", "source": "popup"}}""");
    String known = person("merge", "merge@example.com");
    ok(put(known, "all", "denied", "consent", "unsubscribe page"));
    server.trackOk("/v1/identify", "{\"userId\": \"merge\", \"anonymousId\": \"merge-device\"}");
    server.awaitApplied();

    JsonNode merged = server.get("/api/profiles/" + known + "/consent").body();
    assertThat(merged.get("consent").get("email").get("promotions").asBoolean()).isFalse();
    assertThat(statuses(merged.get("history"))).containsExactlyInAnyOrder("granted", "denied");

    CLOCK.advance(Duration.ofMinutes(1));
    JsonNode again = ok(put(known, "promotions", "granted", "consent", "preference centre")).body();
    assertThat(again.get("consent").get("email").get("promotions").asBoolean()).isTrue();
    assertThat(again.get("consent").get("email").get("all").asBoolean()).isFalse();
    assertThat(again.get("history")).hasSize(3);
  }

  @Test
  void the_consent_condition_of_a_segment_follows_each_decision() throws InterruptedException {
    ok(
        server.admin(
            "POST",
            "/api/segments",
            """
            {"key": "promo_ok", "name": "Promotions by email",
             "condition": {"consent": "email", "topic": "promotions"}}"""));
    String id = person("seg", "seg@example.com");
    assertThat(segments(id)).doesNotContain("promo_ok");

    ok(put(id, "promotions", "granted", "consent", "signup form"));
    Await.until(() -> segments(id).contains("promo_ok"), "the grant puts them in the segment");
    ok(put(id, "all", "denied", "consent", "unsubscribe"));
    Await.until(() -> !segments(id).contains("promo_ok"), "the denial takes them out");
  }

  @Test
  void bad_input_is_refused_naming_the_field_and_records_nothing() {
    String id = person("bad", "bad@example.com");
    assertThat(field(put(id, "lottery", "granted", "consent", "x"))).isEqualTo("topic");
    assertThat(field(put(id, "promotions", "maybe", "consent", "x"))).isEqualTo("status");
    assertThat(field(put(id, "promotions", "granted", "whim", "x"))).isEqualTo("legal_basis");
    assertThat(field(put(id, "promotions", "granted", "consent", " "))).isEqualTo("source");
    TestServer.Response channel =
        server.admin(
            "PUT",
            "/api/profiles/" + id + "/consent",
            "{\"channel\": \"fax\", \"topic\": \"promotions\", \"status\": \"granted\","
                + " \"source\": \"x\"}");
    assertThat(field(channel)).isEqualTo("channel");
    assertThat(server.get("/api/profiles/" + id + "/consent").body().get("history")).isEmpty();
    assertThat(
            server
                .admin(
                    "PUT",
                    "/api/profiles/00000000-0000-7000-8000-000000000000/consent",
                    "{\"channel\": \"email\", \"topic\": \"promotions\", \"status\": \"granted\","
                        + " \"source\": \"x\"}")
                .status())
        .isEqualTo(404);
  }

  static String person(String userId, String email) {
    server.trackOk(
        "/v1/identify",
        "{\"userId\": \"" + userId + "\", \"traits\": {\"email\": \"" + email + "\"}}");
    server.awaitApplied();
    return server.profile("userId:" + userId).get("id").asText();
  }

  static TestServer.Response put(
      String id, String topic, String status, String basis, String source) {
    return server.admin(
        "PUT",
        "/api/profiles/" + id + "/consent",
        "{\"channel\": \"email\", \"topic\": \""
            + topic
            + "\", \"status\": \""
            + status
            + "\", \"legal_basis\": \""
            + basis
            + "\", \"source\": \""
            + source
            + "\"}");
  }

  static List<String> segments(String id) {
    List<String> keys = new ArrayList<>();
    server
        .get("/api/profiles/" + id + "/segments")
        .body()
        .get("segments")
        .forEach(s -> keys.add(s.get("key").asText()));
    return keys;
  }

  static List<String> statuses(JsonNode history) {
    List<String> statuses = new ArrayList<>();
    history.forEach(h -> statuses.add(h.get("status").asText()));
    return statuses;
  }

  static String field(TestServer.Response response) {
    assertThat(response.status()).as(response.text()).isEqualTo(400);
    return response.body().get("field").asText();
  }

  static TestServer.Response ok(TestServer.Response response) {
    assertThat(response.status()).as(response.text()).isBetween(200, 299);
    return response;
  }
}
