package dev.kairos.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.app.JourneyModule;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The public, signed links of messages, over real HTTP with no cookie and no login: RFC 8058
 * one-click unsubscribe (POST unsubscribes at once, answers 2xx without a redirect, is idempotent;
 * GET changes nothing), the preference centre's plain HTML form, and double opt-in.
 */
class PublicLinksTest {
  static final SettableClock CLOCK = new SettableClock(Instant.parse("2026-06-02T10:00:00Z"));
  static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  static TestServer server;
  static JourneyModule journeys;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            CLOCK,
            Map.of("KAIROS_JOURNEYS_WORKER", "off", "KAIROS_CONSENT_LEGITIMATE_INTEREST", ""));
    journeys = server.server().modules().journeys();
    ok(
        server.admin(
            "POST",
            "/api/templates",
            """
            {"key": "news", "channel": "email", "subject": "News",
             "html": "<p>News</p><a href=\\"{{ unsubscribe_url }}\\">Unsubscribe</a> <a href=\\"{{ preferences_url }}\\">Preferences</a>"}"""));
    ok(
        server.admin(
            "POST",
            "/api/journeys",
            """
            {"key": "news", "trigger": {"event": "News Due"}, "start": "send",
             "entry": {"mode": "every_time"},
             "steps": {"send": {"type": "send", "channel": "email", "template": "news",
                                "topic": "newsletter", "next": "exit"}}}"""));
    ok(server.admin("POST", "/api/journeys/news/publish", ""));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void one_click_post_unsubscribes_without_cookie_or_redirect_and_get_changes_nothing()
      throws Exception {
    String id = subscriber("click");
    JsonNode message = newsletter(id);
    assertThat(message.get("status").asText()).isEqualTo("sandboxed");
    String unsubscribe = link(message, "/u/");

    HttpResponse<String> page = HTTP.send(get(unsubscribe), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<form method=\"post\"");
    assertThat(consent(id).get("email").get("newsletter").asBoolean()).isTrue();

    HttpResponse<String> first =
        HTTP.send(oneClick(unsubscribe), HttpResponse.BodyHandlers.ofString());
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("Location")).isEmpty();
    assertThat(first.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(consent(id).get("email").get("newsletter").asBoolean()).isFalse();
    JsonNode history = server.get("/api/profiles/" + id + "/consent").body().get("history");
    assertThat(history.get(0).get("source").asText()).isEqualTo("one_click_unsubscribe");

    HttpResponse<String> again =
        HTTP.send(oneClick(unsubscribe), HttpResponse.BodyHandlers.ofString());
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(server.get("/api/profiles/" + id + "/consent").body().get("history"))
        .hasSize(history.size());

    JsonNode next = newsletter(id);
    assertThat(next.get("status").asText()).isEqualTo("suppressed");
    assertThat(next.get("reason").asText()).isEqualTo("consent denied for email/newsletter");
  }

  @Test
  void a_forged_or_altered_token_is_refused_and_changes_nothing() throws Exception {
    String id = subscriber("forged");
    String unsubscribe = link(newsletter(id), "/u/");
    String altered = unsubscribe.substring(0, unsubscribe.length() - 2) + "xx";
    assertThat(HTTP.send(oneClick(altered), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(404);
    assertThat(
            HTTP.send(oneClick(server.baseUrl() + "/u/1"), HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(404);
    assertThat(consent(id).get("email").get("newsletter").asBoolean()).isTrue();
  }

  @Test
  void the_preference_centre_form_round_trip_changes_topics_and_unsubscribes_from_everything()
      throws Exception {
    String id = subscriber("prefs");
    String preferences = link(newsletter(id), "/preferences/");

    HttpResponse<String> page = HTTP.send(get(preferences), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("name=\"email.newsletter\" aria-label=\"Newsletter by email\" checked");
    assertThat(page.body()).doesNotContain("<script");
    String formToken = formToken(page.body());

    HttpResponse<String> saved =
        HTTP.send(
            form(preferences, "form_token=" + formToken + "&email.promotions=on&action=save"),
            HttpResponse.BodyHandlers.ofString());
    assertThat(saved.statusCode()).isEqualTo(200);
    assertThat(saved.body()).contains("Your choices are saved.");
    JsonNode now = consent(id).get("email");
    assertThat(now.get("promotions").asBoolean()).isTrue();
    assertThat(now.get("newsletter").asBoolean()).isFalse();
    assertThat(now.has("cart_reminders")).isFalse(); // unchanged: never answered, still unticked

    HttpResponse<String> forged =
        HTTP.send(
            form(preferences, "form_token=" + formToken + "x&action=unsubscribe_all"),
            HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(consent(id).get("email").get("promotions").asBoolean()).isTrue();

    HttpResponse<String> everything =
        HTTP.send(
            form(preferences, "form_token=" + formToken + "&action=unsubscribe_all"),
            HttpResponse.BodyHandlers.ofString());
    assertThat(everything.statusCode()).isEqualTo(200);
    assertThat(consent(id).get("email"))
        .isEqualTo(
            dev.kairos.platform.http.Json.MAPPER.readTree(
                "{\"newsletter\":false,\"promotions\":false,\"all\":false}"));
    JsonNode listed = server.get("/api/suppressions?reason=unsubscribe").body().get("suppressions");
    assertThat(listed.toString()).contains("email:prefs@example.com");
  }

  @Test
  void double_opt_in_grants_only_when_the_signed_link_is_confirmed() throws Exception {
    server.trackOk(
        "/v1/identify", "{\"userId\": \"doi\", \"traits\": {\"email\": \"doi@example.com\"}}");
    server.awaitApplied();
    String id = server.profile("userId:doi").get("id").asText();
    TestServer.Response started =
        ok(
            server.admin(
                "POST",
                "/api/profiles/" + id + "/consent/double-opt-in",
                "{\"topic\": \"newsletter\", \"source\": \"signup form\"}"));
    assertThat(started.status()).isEqualTo(202);
    assertThat(consent(id).has("email")).isFalse();

    journeys.workUntilIdle();
    JsonNode confirmation = message(id, started.body().get("message_id").asLong());
    assertThat(confirmation.get("status").asText()).isEqualTo("sandboxed");
    assertThat(confirmation.get("subject").asText()).isEqualTo("Please confirm your subscription");
    String confirm = link(confirmation, "/confirm/");

    assertThat(HTTP.send(get(confirm), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);
    assertThat(consent(id).has("email")).isFalse();
    HttpResponse<String> confirmed =
        HTTP.send(form(confirm, ""), HttpResponse.BodyHandlers.ofString());
    assertThat(confirmed.statusCode()).isEqualTo(200);
    assertThat(consent(id).get("email").get("newsletter").asBoolean()).isTrue();
    JsonNode history = server.get("/api/profiles/" + id + "/consent").body().get("history");
    assertThat(history).hasSize(1);
    assertThat(history.get(0).get("source").asText()).isEqualTo("double_opt_in");
    HTTP.send(form(confirm, ""), HttpResponse.BodyHandlers.ofString());
    assertThat(server.get("/api/profiles/" + id + "/consent").body().get("history")).hasSize(1);
  }

  /** A person subscribed to the newsletter by email. */
  static String subscriber(String userId) {
    server.trackOk(
        "/v1/identify",
        "{\"userId\": \""
            + userId
            + "\", \"traits\": {\"email\": \""
            + userId
            + "@example.com\"}}");
    server.trackOk(
        "/v1/track",
        "{\"userId\": \""
            + userId
            + "\", \"event\": \"Consent Updated\", \"properties\": {\"channel\": \"email\","
            + " \"topic\": \"newsletter\", \"status\": \"granted\", \"source\": \"signup\"}}");
    server.awaitApplied();
    return server.profile("userId:" + userId).get("id").asText();
  }

  /** Sends the newsletter journey to the person; their newest message. */
  static JsonNode newsletter(String id) {
    server.trackOk("/v1/track", "{\"userId\": \"" + userIdOf(id) + "\", \"event\": \"News Due\"}");
    server.awaitApplied();
    journeys.workUntilIdle();
    JsonNode messages = server.get("/api/messages?profile_id=" + id).body().get("messages");
    return messages.get(messages.size() - 1);
  }

  static String userIdOf(String id) {
    return server
        .row("select value from identifiers where kind = 'userId' and profile_id = '" + id + "'")
        .get(0);
  }

  static JsonNode message(String profileId, long messageId) {
    for (JsonNode m : server.get("/api/messages?profile_id=" + profileId).body().get("messages")) {
      if (m.get("id").asLong() == messageId) {
        return m;
      }
    }
    throw new AssertionError("no message " + messageId);
  }

  static JsonNode consent(String id) {
    return server.get("/api/profiles/" + id + "/consent").body().get("consent");
  }

  /** The link with this path in the message's rendered body, made absolute on this server. */
  static String link(JsonNode message, String path) {
    Matcher m =
        Pattern.compile("https?://[^\"\\s]*" + Pattern.quote(path) + "[A-Za-z0-9_\\-.]+")
            .matcher(message.get("body").asText());
    assertThat(m.find()).as("a " + path + " link in " + message.get("body").asText()).isTrue();
    String url = m.group();
    return server.baseUrl() + url.substring(url.indexOf(path));
  }

  static String formToken(String html) {
    Matcher m = Pattern.compile("name=\"form_token\" value=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).GET().build();
  }

  static HttpRequest oneClick(String url) {
    return form(url, "List-Unsubscribe=One-Click");
  }

  static HttpRequest form(String url, String body) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  static TestServer.Response ok(TestServer.Response response) {
    assertThat(response.status()).as(response.text()).isBetween(200, 299);
    return response;
  }
}
