package dev.kairos.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.kairos.app.JourneyModule;
import dev.kairos.testing.Await;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end: a published journey's send step, pointed at an SMTP server by the environment
 * variables, delivers into GreenMail an email with both parts, its Message-ID, one-click
 * unsubscribe headers, links rewritten to signed click URLs and the open pixel; fetching the pixel
 * and the click URL over HTTP puts "Email Opened" and "Email Link Clicked" (after "Email Sent") on
 * the person's timeline, linked to the message, journey and step.
 */
class JourneyEmailTest {
  static final SettableClock CLOCK = new SettableClock(Instant.parse("2026-03-02T12:00:00Z"));
  static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");
  static final Pattern PIXEL = Pattern.compile("<img src=\"([^\"]+/t/o/[^\"]+)\"");
  static GreenMail greenMail;
  static TestServer server;
  static JourneyModule journeys;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    server =
        TestServer.start(
            CLOCK,
            Map.of(
                "KAIROS_JOURNEYS_WORKER", "off",
                "KAIROS_SMTP_HOST", "127.0.0.1",
                "KAIROS_SMTP_PORT", String.valueOf(greenMail.getSmtp().getPort()),
                "KAIROS_SMTP_SECURITY", "none",
                "KAIROS_EMAIL_FROM", "Shop <news@shop.example>"));
    journeys = server.server().modules().journeys();
    ok(
        server.admin(
            "POST",
            "/api/templates",
            """
            {"key": "welcome", "channel": "email", "subject": "Welcome, {{ profile.traits.first_name }}",
             "preheader": "Something new for you",
             "html": "<p>Hello {{ profile.traits.first_name }}, see <a href=\\"https://shop.example/new?a=1&b=2\\">what is new</a>. <a href=\\"{{ unsubscribe_url }}\\">Unsubscribe</a></p>"}"""));
    ok(
        server.admin(
            "POST",
            "/api/templates",
            """
            {"key": "plain", "channel": "email", "subject": "No tracking",
             "html": "<p><a href=\\"https://shop.example/x\\">x</a></p>",
             "track_opens": false, "track_clicks": false}"""));
    ok(
        server.admin(
            "POST",
            "/api/journeys",
            """
            {"key": "welcome", "name": "Welcome", "trigger": {"event": "Signed Up"},
             "start": "send",
             "steps": {"send": {"type": "send", "channel": "email", "template": "welcome",
                                "topic": "newsletter", "next": "exit"}}}"""));
    ok(server.admin("POST", "/api/journeys/welcome/publish", ""));
    ok(
        server.admin(
            "POST",
            "/api/journeys",
            """
            {"key": "untracked", "name": "Untracked", "trigger": {"event": "Asked"},
             "start": "send",
             "steps": {"send": {"type": "send", "channel": "email", "template": "plain",
                                "topic": "transactional", "next": "exit"}}}"""));
    ok(server.admin("POST", "/api/journeys/untracked/publish", ""));
    ok(
        server.admin(
            "POST",
            "/api/journeys",
            """
            {"key": "again", "name": "Again", "trigger": {"event": "Came Back"},
             "start": "send",
             "steps": {"send": {"type": "send", "channel": "email", "template": "welcome",
                                "topic": "newsletter", "next": "exit"}}}"""));
    ok(server.admin("POST", "/api/journeys/again/publish", ""));
  }

  @AfterAll
  static void stop() {
    server.close();
    greenMail.stop();
  }

  static TestServer.Response ok(TestServer.Response response) {
    assertThat(response.status()).as(response.text()).isBetween(200, 299);
    return response;
  }

  static MimeMessage deliveredTo(String to, String event) throws Exception {
    server.trackOk(
        "/v1/identify",
        "{\"userId\": \""
            + to
            + "\", \"traits\": {\"first_name\": \"Ann\", \"email\": \""
            + to
            + "\"}}");
    server.trackOk("/v1/track", "{\"userId\": \"" + to + "\", \"event\": \"" + event + "\"}");
    server.awaitApplied();
    journeys.workUntilIdle();
    Await.until(
        () -> List.of(greenMail.getReceivedMessages()).stream().anyMatch(m -> to(m).equals(to)),
        "an email to " + to);
    return List.of(greenMail.getReceivedMessages()).stream()
        .filter(m -> to(m).equals(to))
        .findFirst()
        .orElseThrow();
  }

  static String to(MimeMessage m) {
    try {
      return m.getAllRecipients()[0].toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<byte[]> fetch(String url, String userAgent) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).header("User-Agent", userAgent).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  static List<JsonNode> timeline(String profileId, String event) {
    List<JsonNode> found = new ArrayList<>();
    server
        .get("/api/profiles/" + profileId + "/events?limit=100")
        .body()
        .forEach(
            e -> {
              if (e.path("event").asText().equals(event)) {
                found.add(e);
              }
            });
    return found;
  }

  @Test
  void a_journey_email_arrives_tracked_and_its_open_and_click_reach_the_timeline()
      throws Exception {
    MimeMessage m = deliveredTo("ann@example.com", "Signed Up");

    assertThat(m.getSubject()).isEqualTo("Welcome, Ann");
    assertThat(m.getMessageID()).matches("<[0-9a-f]{32}@shop\\.example>");
    String listUnsubscribe = m.getHeader("List-Unsubscribe", null);
    assertThat(listUnsubscribe)
        .matches(
            "<"
                + Pattern.quote(server.baseUrl())
                + "/u/[A-Za-z0-9_.-]+>, <mailto:news@shop\\.example\\?subject=unsubscribe%20[A-Za-z0-9_.-]+>");
    assertThat(m.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
    Multipart parts = (Multipart) m.getContent();
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
    String text = (String) parts.getBodyPart(0).getContent();
    assertThat(text).doesNotContain("/t/c/");
    assertThat(text).contains("what is new (https://shop.example/new?a=1&b=2)");
    String html = (String) parts.getBodyPart(1).getContent();
    assertThat(html).contains("display:none").contains("Something new for you");

    List<String> hrefs = new ArrayList<>();
    Matcher href = HREF.matcher(html);
    while (href.find()) {
      hrefs.add(href.group(1).replace("&amp;", "&"));
    }
    assertThat(hrefs).hasSize(2);
    String click = hrefs.get(0);
    assertThat(click).startsWith(server.baseUrl() + "/t/c/");
    assertThat(hrefs.get(1)).startsWith(server.baseUrl() + "/u/"); // Kairos's own link, untouched
    Matcher pixel = PIXEL.matcher(html);
    assertThat(pixel.find()).isTrue();

    HttpResponse<byte[]> gif = fetch(pixel.group(1), "Mozilla/5.0 (Macintosh) AppleWebKit/605");
    assertThat(gif.statusCode()).isEqualTo(200);
    assertThat(gif.headers().firstValue("Content-Type")).hasValue("image/gif");
    assertThat(new String(gif.body(), 0, 6, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("GIF89a");
    HttpResponse<byte[]> redirect = fetch(click, "Mozilla/5.0 (Windows NT 10.0) Firefox/140.0");
    assertThat(redirect.statusCode()).isEqualTo(302);
    assertThat(redirect.headers().firstValue("Location"))
        .hasValue("https://shop.example/new?a=1&b=2");

    String id = server.profile("userId:ann@example.com").get("id").asText();
    Await.until(
        () ->
            !timeline(id, "Email Opened").isEmpty()
                && !timeline(id, "Email Link Clicked").isEmpty()
                && !timeline(id, "Email Sent").isEmpty(),
        "Email Sent, Opened and Link Clicked on the timeline");
    JsonNode opened = timeline(id, "Email Opened").get(0).get("properties");
    assertThat(opened.get("journey").asText()).isEqualTo("welcome");
    assertThat(opened.get("step").asText()).isEqualTo("send");
    assertThat(opened.get("template").asText()).isEqualTo("welcome");
    assertThat(opened.get("channel").asText()).isEqualTo("email");
    assertThat(opened.get("machine").asBoolean()).isFalse();
    JsonNode clicked = timeline(id, "Email Link Clicked").get(0).get("properties");
    assertThat(clicked.get("url").asText()).isEqualTo("https://shop.example/new?a=1&b=2");
    assertThat(clicked.get("message_id").asLong()).isEqualTo(opened.get("message_id").asLong());
    var message = server.get("/api/messages?profile_id=" + id).body().get("messages").get(0);
    assertThat(message.get("status").asText()).isEqualTo("sent");
    assertThat(message.get("id").asLong()).isEqualTo(opened.get("message_id").asLong());
  }

  @Test
  void an_apple_privacy_proxy_open_is_flagged_as_a_machine_open() throws Exception {
    MimeMessage m = deliveredTo("mpp@example.com", "Signed Up");
    Matcher pixel =
        PIXEL.matcher((String) ((Multipart) m.getContent()).getBodyPart(1).getContent());
    assertThat(pixel.find()).isTrue();

    assertThat(fetch(pixel.group(1), "Mozilla/5.0").statusCode()).isEqualTo(200);

    String id = server.profile("userId:mpp@example.com").get("id").asText();
    Await.until(() -> !timeline(id, "Email Opened").isEmpty(), "Email Opened");
    JsonNode opened = timeline(id, "Email Opened").get(0).get("properties");
    assertThat(opened.get("machine").asBoolean()).isTrue();
    assertThat(opened.get("proxy").asText()).isEqualTo("apple_mail_privacy_protection");
  }

  @Test
  void
      a_template_with_tracking_off_keeps_its_links_and_has_no_pixel_and_transactional_no_unsubscribe()
          throws Exception {
    MimeMessage m = deliveredTo("bob@example.com", "Asked");
    String html = (String) ((Multipart) m.getContent()).getBodyPart(1).getContent();
    assertThat(html).contains("href=\"https://shop.example/x\"").doesNotContain("/t/o/");
    assertThat(m.getHeader("List-Unsubscribe")).isNull();
  }

  @Test
  void a_forged_or_altered_click_token_answers_404_and_redirects_nowhere() throws Exception {
    MimeMessage m = deliveredTo("eve@example.com", "Signed Up");
    Matcher href = HREF.matcher((String) ((Multipart) m.getContent()).getBodyPart(1).getContent());
    assertThat(href.find()).isTrue();
    String click = href.group(1);
    String token = click.substring(click.lastIndexOf('/') + 1);
    String altered =
        token.substring(0, token.length() - 2)
            + (token.endsWith("A") ? "B" : "A")
            + token.charAt(token.length() - 1);
    String forged =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("1 https://evil.example".getBytes());

    for (String bad : List.of(altered, forged, "nonsense", token + "x")) {
      HttpResponse<byte[]> response = fetch(server.baseUrl() + "/t/c/" + bad, "Firefox");
      assertThat(response.statusCode()).as(bad).isEqualTo(404);
      assertThat(response.headers().firstValue("Location")).isEmpty();
    }
    // an open token is not a click token (signed for another purpose)
    Matcher pixel =
        PIXEL.matcher((String) ((Multipart) m.getContent()).getBodyPart(1).getContent());
    assertThat(pixel.find()).isTrue();
    String openToken = pixel.group(1).substring(pixel.group(1).lastIndexOf('/') + 1);
    assertThat(fetch(server.baseUrl() + "/t/c/" + openToken, "Firefox").statusCode())
        .isEqualTo(404);
    assertThat(fetch(server.baseUrl() + "/t/o/" + token, "Firefox").statusCode()).isEqualTo(404);
  }

  @Test
  void the_one_click_unsubscribe_of_the_received_email_stops_the_next_marketing_email()
      throws Exception {
    MimeMessage first = deliveredTo("una@example.com", "Signed Up");
    Matcher link =
        Pattern.compile("<(" + Pattern.quote(server.baseUrl()) + "/u/[^>]+)>")
            .matcher(first.getHeader("List-Unsubscribe", null));
    assertThat(link.find()).isTrue();

    HttpResponse<String> unsubscribed =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(link.group(1)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(unsubscribed.statusCode()).as(unsubscribed.body()).isEqualTo(200);
    assertThat(unsubscribed.headers().firstValue("Location")).isEmpty();

    server.trackOk("/v1/track", "{\"userId\": \"una@example.com\", \"event\": \"Came Back\"}");
    server.awaitApplied();
    journeys.workUntilIdle();
    String id = server.profile("userId:una@example.com").get("id").asText();
    List<String> statuses = new ArrayList<>();
    server
        .get("/api/messages?profile_id=" + id)
        .body()
        .get("messages")
        .forEach(message -> statuses.add(message.get("status").asText()));
    assertThat(statuses).as("the welcome, then the one after the unsubscribe").hasSize(2);
    assertThat(statuses).containsOnlyOnce("suppressed");
    assertThat(
            List.of(greenMail.getReceivedMessages()).stream()
                .filter(m -> to(m).equals("una@example.com")))
        .as("one email reached una, the one before the unsubscribe")
        .hasSize(1);
  }
}
