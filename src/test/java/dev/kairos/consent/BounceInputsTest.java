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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bounces and complaints, as a mailbox receives them (RFC 3464 DSN, RFC 5965 ARF) and as providers
 * post them (Amazon SES through SNS, Postmark), suppress the address: nothing is sent to it again,
 * whatever identifiers later arrive for the person; repeated soft bounces suppress only past seven
 * in a row; each bounce and complaint is answered per recipient.
 */
class BounceInputsTest {
  static final SettableClock CLOCK = new SettableClock(Instant.parse("2026-06-03T10:00:00Z"));
  static final HttpClient HTTP = HttpClient.newHttpClient();
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
            {"key": "hello", "channel": "email", "subject": "Hello",
             "html": "<p>Hello</p><a href=\\"{{ unsubscribe_url }}\\">Unsubscribe</a>"}"""));
    ok(
        server.admin(
            "POST",
            "/api/journeys",
            """
            {"key": "hello", "trigger": {"event": "Hello Due"}, "start": "send",
             "entry": {"mode": "every_time"},
             "steps": {"send": {"type": "send", "channel": "email", "template": "hello",
                                "topic": "transactional", "next": "exit"}}}"""));
    ok(server.admin("POST", "/api/journeys/hello/publish", ""));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void a_hard_bounce_dsn_suppresses_the_address_for_good_whatever_identifiers_arrive_later() {
    String id = person("hard", "hard@example.com");
    JsonNode first = send("hard");
    assertThat(first.get("status").asText()).isEqualTo("sandboxed");
    String unsubscribe =
        first.get("body").asText().replaceAll("(?s).*href=\"([^\"]*/u/[^\"]+)\".*", "$1");

    TestServer.Response dsn =
        server.admin(
            "POST", "/api/bounces", dsn("hard@example.com", "failed", "5.1.1", unsubscribe));
    assertThat(dsn.status()).as(dsn.text()).isEqualTo(200);
    assertThat(dsn.body().get("format").asText()).isEqualTo("dsn");
    JsonNode handled = dsn.body().get("reports").get(0);
    assertThat(handled.get("kind").asText()).isEqualTo("hard_bounce");
    assertThat(handled.get("suppressed").asBoolean()).isTrue();
    assertThat(handled.get("message_id").asLong()).isEqualTo(first.get("id").asLong());

    server.trackOk(
        "/v1/identify",
        "{\"userId\": \"hard\", \"anonymousId\": \"new-phone\", \"traits\": {\"email\":"
            + " \"HARD@example.com\", \"first_name\": \"Hal\"}}");
    server.trackOk(
        "/v1/identify", "{\"userId\": \"hard-2\", \"traits\": {\"email\": \"hard@example.com\"}}");
    JsonNode later = send("hard");
    assertThat(later.get("status").asText()).isEqualTo("suppressed");
    assertThat(later.get("reason").asText()).contains("hard_bounce");
    assertThat(server.get("/api/suppressions/email:hard@example.com").body().get("reason").asText())
        .isEqualTo("hard_bounce");
    assertThat(server.profile("userId:hard").get("id").asText()).isEqualTo(id);
  }

  @Test
  void an_arf_complaint_suppresses_the_address() {
    person("arf", "arf@example.com");
    TestServer.Response arf = server.admin("POST", "/api/bounces", arf("arf@example.com"));
    assertThat(arf.status()).as(arf.text()).isEqualTo(200);
    assertThat(arf.body().get("format").asText()).isEqualTo("arf");
    assertThat(arf.body().get("reports").get(0).get("kind").asText()).isEqualTo("complaint");
    assertThat(send("arf").get("status").asText()).isEqualTo("suppressed");
    JsonNode listed = server.get("/api/suppressions?reason=complaint").body().get("suppressions");
    assertThat(listed.toString()).contains("email:arf@example.com");
  }

  @Test
  void seven_soft_bounces_in_a_row_are_tolerated_the_eighth_suppresses_and_a_delivery_resets()
      throws Exception {
    person("soft", "soft@example.com");
    for (int i = 0; i < 7; i++) {
      server.admin("POST", "/api/bounces", dsn("soft@example.com", "delayed", "4.2.2", null));
    }
    assertThat(send("soft").get("status").asText()).isEqualTo("sandboxed");
    assertThat(
            postmark("{\"RecordType\": \"Delivery\", \"Recipient\": \"soft@example.com\"}")
                .statusCode())
        .isEqualTo(200);
    for (int i = 0; i < 7; i++) {
      server.admin("POST", "/api/bounces", dsn("soft@example.com", "failed", "4.4.7", null));
    }
    assertThat(send("soft").get("status").asText()).isEqualTo("sandboxed");
    TestServer.Response eighth =
        server.admin("POST", "/api/bounces", dsn("soft@example.com", "failed", "4.4.7", null));
    assertThat(eighth.body().get("reports").get(0).get("reason").asText())
        .isEqualTo("soft_bounces");
    assertThat(send("soft").get("status").asText()).isEqualTo("suppressed");
  }

  @Test
  void an_ses_bounce_through_sns_and_a_postmark_spam_complaint_suppress_their_addresses()
      throws Exception {
    person("ses", "ses@example.com");
    person("pm", "pm@example.com");
    String message =
        """
        {"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bounceSubType":"General",
         "bouncedRecipients":[{"emailAddress":"ses@example.com","action":"failed","status":"5.1.1",
         "diagnosticCode":"smtp; 550 5.1.1 user unknown"}],"timestamp":"2026-06-03T10:00:00.000Z"},
         "mail":{"messageId":"0100018f","destination":["ses@example.com"],"headers":[]}}""";
    String sns =
        "{\"Type\": \"Notification\", \"MessageId\": \"sns-1\", \"TopicArn\":"
            + " \"arn:aws:sns:eu-west-1:123:ses\", \"Message\": "
            + com.fasterxml.jackson.databind.node.TextNode.valueOf(message)
            + "}";
    HttpResponse<String> ses = webhook("/webhooks/ses", sns, TestServer.ADMIN_TOKEN);
    assertThat(ses.statusCode()).as(ses.body()).isEqualTo(200);
    assertThat(send("ses").get("status").asText()).isEqualTo("suppressed");

    HttpResponse<String> pm =
        postmark(
            """
            {"RecordType": "SpamComplaint", "ID": 42, "Type": "SpamComplaint", "TypeCode": 512,
             "Email": "pm@example.com", "From": "shop@example.com", "BouncedAt": "2026-06-03T10:00:00Z"}""");
    assertThat(pm.statusCode()).as(pm.body()).isEqualTo(200);
    assertThat(send("pm").get("reason").asText()).contains("complaint");
  }

  @Test
  void webhooks_without_a_token_are_refused_and_change_nothing() throws Exception {
    person("nope", "nope@example.com");
    String hook =
        "{\"RecordType\": \"Bounce\", \"Type\": \"HardBounce\", \"Email\": \"nope@example.com\"}";
    assertThat(webhook("/webhooks/postmark", hook, "wrong").statusCode()).isEqualTo(401);
    assertThat(send("nope").get("status").asText()).isEqualTo("sandboxed");
  }

  @Test
  void the_list_can_be_added_to_by_hand_and_lifted() {
    person("manual", "manual@example.com");
    TestServer.Response added =
        server.admin(
            "POST",
            "/api/suppressions",
            "{\"identifier\": \"email:Manual@Example.com\", \"detail\": \"asked by phone\"}");
    assertThat(added.status()).as(added.text()).isEqualTo(201);
    assertThat(added.body().get("reason").asText()).isEqualTo("manual");
    assertThat(send("manual").get("status").asText()).isEqualTo("suppressed");
    TestServer.Response lifted =
        server.admin(
            "DELETE",
            "/api/suppressions",
            "{\"identifier\": \"email:manual@example.com\", \"source\": \"asked again\"}");
    assertThat(lifted.status()).as(lifted.text()).isEqualTo(200);
    assertThat(send("manual").get("status").asText()).isEqualTo("sandboxed");
    assertThat(server.admin("POST", "/api/suppressions", "{\"identifier\": \"userId:1\"}").status())
        .isEqualTo(400);
    assertThat(server.get("/api/suppressions?reson=manual").status()).isEqualTo(400);
  }

  static String person(String userId, String email) {
    server.trackOk(
        "/v1/identify",
        "{\"userId\": \"" + userId + "\", \"traits\": {\"email\": \"" + email + "\"}}");
    server.awaitApplied();
    return server.profile("userId:" + userId).get("id").asText();
  }

  /** Triggers the (transactional) hello message and returns it once handled. */
  static JsonNode send(String userId) {
    server.trackOk("/v1/track", "{\"userId\": \"" + userId + "\", \"event\": \"Hello Due\"}");
    server.awaitApplied();
    journeys.workUntilIdle();
    String id = server.profile("userId:" + userId).get("id").asText();
    JsonNode messages = server.get("/api/messages?profile_id=" + id).body().get("messages");
    return messages.get(messages.size() - 1);
  }

  static String dsn(String recipient, String action, String status, String unsubscribe) {
    return ("From: MAILER-DAEMON@mx.example.net\n"
            + "To: bounces@shop.example\n"
            + "Subject: Delivery Status Notification\n"
            + "MIME-Version: 1.0\n"
            + "Content-Type: multipart/report; report-type=delivery-status;\n"
            + "\tboundary=\"b1\"\n"
            + "\n"
            + "--b1\n"
            + "Content-Type: text/plain\n"
            + "\n"
            + "Your message could not be delivered.\n"
            + "--b1\n"
            + "Content-Type: message/delivery-status\n"
            + "\n"
            + "Reporting-MTA: dns; mx.example.net\n"
            + "Arrival-Date: Wed, 3 Jun 2026 10:00:00 +0000\n"
            + "\n"
            + "Final-Recipient: rfc822; "
            + recipient
            + "\n"
            + "Action: "
            + action
            + "\n"
            + "Status: "
            + status
            + "\n"
            + "Diagnostic-Code: smtp; 550 "
            + status
            + " mailbox problem\n"
            + "\n"
            + "--b1\n"
            + "Content-Type: text/rfc822-headers\n"
            + "\n"
            + "From: shop@example.com\n"
            + "To: "
            + recipient
            + "\n"
            + (unsubscribe == null ? "" : "List-Unsubscribe: <" + unsubscribe + ">\n")
            + "Subject: Hello\n"
            + "--b1--\n")
        .replace("\n", "\r\n");
  }

  static String arf(String recipient) {
    return "From: feedback@isp.example\r\n"
        + "To: abuse@shop.example\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: multipart/report; report-type=feedback-report; boundary=\"arf\"\r\n"
        + "\r\n"
        + "--arf\r\n"
        + "Content-Type: text/plain\r\n"
        + "\r\n"
        + "This is an email abuse report.\r\n"
        + "--arf\r\n"
        + "Content-Type: message/feedback-report\r\n"
        + "\r\n"
        + "Feedback-Type: abuse\r\n"
        + "User-Agent: ISP-FBL/1.0\r\n"
        + "Version: 1\r\n"
        + "Original-Rcpt-To: <"
        + recipient
        + ">\r\n"
        + "\r\n"
        + "--arf\r\n"
        + "Content-Type: message/rfc822\r\n"
        + "\r\n"
        + "From: shop@example.com\r\n"
        + "To: "
        + recipient
        + "\r\n"
        + "Subject: Offer\r\n"
        + "\r\n"
        + "Buy now\r\n"
        + "--arf--\r\n";
  }

  static HttpResponse<String> postmark(String json) throws Exception {
    return webhook("/webhooks/postmark", json, TestServer.ADMIN_TOKEN);
  }

  static HttpResponse<String> webhook(String path, String json, String token) throws Exception {
    String basic =
        Base64.getEncoder().encodeToString(("kairos:" + token).getBytes(StandardCharsets.UTF_8));
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static TestServer.Response ok(TestServer.Response response) {
    assertThat(response.status()).as(response.text()).isBetween(200, 299);
    return response;
  }
}
