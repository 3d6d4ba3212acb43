package dev.kairos.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.app.JourneyModule;
import dev.kairos.identity.Identifier;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The channel configuration API (secrets never answered nor stored in clear, errors naming the
 * field), transactional sends (idempotent, 4xx naming the field, never past suppression) and the
 * providers' receipt hooks (verified, then the message is delivered).
 */
class ChannelApisTest {
  static final SettableClock CLOCK = new SettableClock(Instant.parse("2026-03-02T12:00:00Z"));
  static final String AUTH_TOKEN = "twilio-auth-token-0123456789";
  static TestServer server;
  static JourneyModule journeys;
  static ProviderStub provider;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            CLOCK,
            Map.of("KAIROS_JOURNEYS_WORKER", "off", "KAIROS_PUBLIC_URL", "https://shop.example"));
    journeys = server.server().modules().journeys();
    provider = new ProviderStub();
    ok(
        server.admin(
            "POST",
            "/api/templates",
            """
            {"key": "receipt", "channel": "sms", "body": "Order {{ event.order_id }} confirmed",
             "data": {"template_name": "order_confirmed", "param1": "{{ event.order_id }}"}}"""));
  }

  @AfterAll
  static void stop() {
    server.close();
    provider.close();
  }

  @Test
  void secrets_are_answered_masked_and_stored_only_sealed() {
    TestServer.Response put =
        ok(
            server.admin(
                "PUT",
                "/api/channels/whatsapp",
                """
                {"phone_number_id": "1065", "access_token": "EAAG-very-secret-token-9876",
                 "app_secret": "meta-app-secret", "verify_token": "verify-me"}"""));

    assertThat(put.body().get("status").asText()).isEqualTo("configured");
    assertThat(put.body().get("settings").get("access_token").asText()).isEqualTo("********9876");
    assertThat(put.body().get("settings").get("app_secret").asText()).isEqualTo("********");
    assertThat(put.body().get("settings").get("phone_number_id").asText()).isEqualTo("1065");
    String listed = server.get("/api/channels").text();
    assertThat(listed).doesNotContain("very-secret").doesNotContain("meta-app-secret");
    assertThat(
            server.count(
                "select count(*) from channel_configurations where shown::text like '%very-secret%'"
                    + " or position('very-secret'::bytea in sealed) > 0"))
        .isZero();
  }

  @Test
  void a_masked_secret_sent_back_keeps_the_stored_one() {
    ok(
        server.admin(
            "PUT",
            "/api/channels/push",
            """
            {"project_id": "shop-app", "access_token": "ya29.first-token-abcdef",
             "base_url": "%s"}"""
                .formatted(provider.url())));
    JsonNode shown = server.get("/api/channels/push").body().get("settings");
    ok(server.admin("PUT", "/api/channels/push", shown.toString()));
    provider.answer(200, "{\"name\": \"projects/shop-app/messages/1\"}");
    server.trackOk(
        "/v1/identify", "{\"userId\": \"app-user\", \"traits\": {\"push_token\": \"device-1\"}}");
    server.awaitApplied();

    send("push-1", "userId:app-user", "push");

    assertThat(provider.only().header("Authorization")).isEqualTo("Bearer ya29.first-token-abcdef");
    assertThat(Outbound.json(provider.only().body()).get("message").get("token").asText())
        .isEqualTo("device-1");
  }

  @Test
  void a_bad_configuration_is_refused_naming_its_field_and_changes_nothing() {
    assertThat(
            problem("sms", "{\"provider\": \"twilio\", \"auth_token\": \"t\", \"from\": \"+1\"}"))
        .isEqualTo("account_sid");
    assertThat(problem("sms", "{\"provider\": \"carrier-pigeon\"}")).isEqualTo("provider");
    assertThat(problem("webhook", "{\"secret\": \"0123456789abcdef\", \"urll\": \"x\"}"))
        .isEqualTo("urll");
    assertThat(problem("webhook", "{\"secret\": \"0123456789abcdef\", \"url\": \"ftp://x\"}"))
        .isEqualTo("url");
    assertThat(
            problem(
                "push",
                "{\"project_id\": \"p\", \"service_account\": {\"client_email\": \"a@b\"}}"))
        .isEqualTo("service_account.private_key");
    assertThat(server.admin("GET", "/api/channels/fax").status()).isEqualTo(404);
    assertThat(server.get("/api/channels/webhook").body().get("status").asText())
        .isEqualTo("sandbox");
  }

  @Test
  void a_transactional_send_is_idempotent_on_its_key_and_names_bad_fields() {
    server.trackOk(
        "/v1/identify", "{\"userId\": \"buyer\", \"traits\": {\"phone\": \"+447700900444\"}}");
    server.awaitApplied();
    TestServer.Response first =
        server.admin(
            "POST",
            "/api/messages/send",
            """
            {"template": "receipt", "identifier": "userId:buyer",
             "variables": {"order_id": "A-17"}, "idempotency_key": "order-A-17"}""");
    TestServer.Response again =
        server.admin(
            "POST",
            "/api/messages/send",
            """
            {"template": "receipt", "identifier": "userId:buyer",
             "variables": {"order_id": "A-17"}, "idempotency_key": "order-A-17"}""");

    assertThat(first.status()).isEqualTo(202);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().get("id")).isEqualTo(first.body().get("id"));
    assertThat(first.body().get("topic").asText()).isEqualTo("transactional");
    journeys.workUntilIdle();
    assertThat(server.row("select status, body from messages where id = " + first.body().get("id")))
        .containsExactly("sandboxed", "Order A-17 confirmed");

    assertThat(sendProblem("{\"template\": \"receipt\", \"identifier\": \"userId:buyer\"}"))
        .isEqualTo("idempotency_key");
    assertThat(
            sendProblem(
                "{\"template\": \"nope\", \"identifier\": \"userId:buyer\", \"idempotency_key\": \"k\"}"))
        .isEqualTo("template");
    assertThat(
            sendProblem(
                "{\"template\": \"receipt\", \"identifier\": \"userId:nobody\", \"idempotency_key\": \"k\"}"))
        .isEqualTo("identifier");
    assertThat(sendProblem("{\"template\": \"receipt\", \"idempotency_key\": \"k\"}"))
        .isEqualTo("profile_id");
    assertThat(
            sendProblem(
                "{\"template\": \"receipt\", \"identifier\": \"userId:buyer\", \"idempotency_key\": \"k\", \"channel\": \"fax\"}"))
        .isEqualTo("channel");
    assertThat(
            sendProblem(
                "{\"template\": \"receipt\", \"identifier\": \"userId:buyer\", \"idempotency_key\": \"k\", \"cc\": 1}"))
        .isEqualTo("cc");
    assertThat(server.count("select count(*) from messages where idempotency_key = 'api:k'"))
        .isZero();
  }

  @Test
  void a_transactional_send_to_a_suppressed_number_is_suppressed() {
    server.trackOk(
        "/v1/identify", "{\"userId\": \"bounced\", \"traits\": {\"phone\": \"+447700900555\"}}");
    server.awaitApplied();
    server.execute(
        "insert into suppressed_identifiers (kind, value_sha256, reason, suppressed_at) values"
            + " ('phone', '"
            + new Identifier(Identifier.PHONE, "+447700900555").valueSha256()
            + "', 'hard bounce', now())");

    JsonNode sent = send("to-suppressed", "userId:bounced", "sms");

    assertThat(server.row("select status, reason from messages where id = " + sent.get("id")))
        .satisfies(row -> assertThat(row.get(0)).isEqualTo("suppressed"))
        .satisfies(row -> assertThat(row.get(1)).contains("hard bounce"));
  }

  @Test
  void a_signed_twilio_status_callback_marks_the_sms_delivered_and_a_forged_one_changes_nothing()
      throws Exception {
    ok(
        server.admin(
            "PUT",
            "/api/channels/sms",
            """
            {"provider": "twilio", "account_sid": "AC1", "auth_token": "%s",
             "from": "+15005550006", "base_url": "%s"}"""
                .formatted(AUTH_TOKEN, provider.url())));
    provider.answer(201, "{\"sid\": \"SMdelivered1\"}");
    server.trackOk(
        "/v1/identify", "{\"userId\": \"texted\", \"traits\": {\"phone\": \"+447700900666\"}}");
    server.awaitApplied();
    JsonNode sent = send("sms-receipt", "userId:texted", "sms");
    ProviderStub.Received request = provider.received().get(provider.received().size() - 1);
    assertThat(request.body())
        .contains("StatusCallback=https%3A%2F%2Fshop.example%2Fhooks%2Ftwilio");
    String form = "MessageSid=SMdelivered1&MessageStatus=delivered&AccountSid=AC1";
    String signature =
        twilioSignature(
            "https://shop.example/hooks/twilio"
                + "AccountSidAC1MessageSidSMdelivered1MessageStatusdelivered");

    assertThat(hook("/hooks/twilio", form, Map.of("X-Twilio-Signature", "forged")).statusCode())
        .isEqualTo(403);
    assertThat(status(sent)).isEqualTo("sent");
    HttpResponse<String> accepted =
        hook("/hooks/twilio", form, Map.of("X-Twilio-Signature", signature));

    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
    assertThat(status(sent)).isEqualTo("delivered");
  }

  @Test
  void whatsapp_answers_its_handshake_and_applies_a_signed_status() throws Exception {
    ok(
        server.admin(
            "PUT",
            "/api/channels/whatsapp",
            """
            {"phone_number_id": "1065", "access_token": "EAAG-token", "app_secret": "meta-app-secret",
             "verify_token": "verify-me", "base_url": "%s"}"""
                .formatted(provider.url())));
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> handshake =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        server.baseUrl()
                            + "/hooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me"
                            + "&hub.challenge=1158201444"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(handshake.statusCode()).isEqualTo(200);
    assertThat(handshake.body()).isEqualTo("1158201444");

    provider.answer(200, "{\"messages\": [{\"id\": \"wamid.ABC\"}]}");
    server.trackOk(
        "/v1/identify", "{\"userId\": \"wa-user\", \"traits\": {\"phone\": \"+447700900777\"}}");
    server.awaitApplied();
    JsonNode sent = send("wa-1", "userId:wa-user", "whatsapp");
    String status =
        """
        {"object": "whatsapp_business_account", "entry": [{"id": "WABA", "changes": [{"field": "messages",
         "value": {"messaging_product": "whatsapp", "statuses": [
           {"id": "wamid.ABC", "status": "delivered", "timestamp": "1772452800", "recipient_id": "447700900777"}]}}]}]}""";
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("meta-app-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature =
        "sha256=" + HexFormat.of().formatHex(mac.doFinal(status.getBytes(StandardCharsets.UTF_8)));

    assertThat(
            hook("/hooks/whatsapp", status, Map.of("X-Hub-Signature-256", "sha256=00"))
                .statusCode())
        .isEqualTo(403);
    assertThat(status(sent)).isEqualTo("sent");
    assertThat(
            hook("/hooks/whatsapp", status, Map.of("X-Hub-Signature-256", signature)).statusCode())
        .isEqualTo(200);
    assertThat(status(sent)).isEqualTo("delivered");
  }

  static String twilioSignature(String text) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(AUTH_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }

  static HttpResponse<String> hook(String path, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .header(
                "Content-Type",
                body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode send(String key, String identifier, String channel) {
    TestServer.Response r =
        ok(
            server.admin(
                "POST",
                "/api/messages/send",
                """
                {"template": "receipt", "identifier": "%s", "channel": "%s",
                 "variables": {"order_id": "B-1"}, "idempotency_key": "%s"}"""
                    .formatted(identifier, channel, key)));
    journeys.workUntilIdle();
    return r.body();
  }

  static String status(JsonNode message) {
    return server.row("select status from messages where id = " + message.get("id")).get(0);
  }

  static String problem(String channel, String body) {
    TestServer.Response r = server.admin("PUT", "/api/channels/" + channel, body);
    assertThat(r.status()).as(r.text()).isEqualTo(400);
    return r.body().get("field").asText();
  }

  static String sendProblem(String body) {
    TestServer.Response r = server.admin("POST", "/api/messages/send", body);
    assertThat(r.status()).as(r.text()).isEqualTo(400);
    return r.body().get("field").asText();
  }

  static TestServer.Response ok(TestServer.Response response) {
    assertThat(response.status()).as(response.text()).isBetween(200, 299);
    return response;
  }
}
