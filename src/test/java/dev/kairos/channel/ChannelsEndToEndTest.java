package dev.kairos.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.app.JourneyModule;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Channels configured through the API are used by the next message without a restart, and a send
 * step's ordered channels reach each person on the first channel they can be reached on: a person
 * with only a phone gets the SMS, a person with a WeChat openid gets the WeChat message.
 */
class ChannelsEndToEndTest {
  static final SettableClock CLOCK = new SettableClock(Instant.parse("2026-03-02T12:00:00Z"));
  static TestServer server;
  static JourneyModule journeys;
  static ProviderStub wechat;
  static ProviderStub sms;

  @BeforeAll
  static void start() {
    server = TestServer.start(CLOCK, Map.of("KAIROS_JOURNEYS_WORKER", "off"));
    journeys = server.server().modules().journeys();
    wechat = new ProviderStub();
    sms = new ProviderStub();
    ok(
        server.admin(
            "POST",
            "/api/templates",
            """
            {"key": "cart-wechat", "channel": "wechat",
             "body": "Hi {{ profile.traits.name }}, your cart is waiting",
             "data": {"template_id": "TPL-1", "first": "Hi {{ profile.traits.name }}",
                      "url": "https://shop.example/cart"}}"""));
    ok(
        server.admin(
            "POST",
            "/api/templates",
            """
            {"key": "cart-sms", "channel": "sms", "body": "Hi {{ profile.traits.name }}, your cart is waiting"}"""));
    ok(
        server.admin(
            "POST",
            "/api/journeys",
            """
            {"key": "reach", "trigger": {"event": "Cart Left"}, "start": "tell",
             "steps": {"tell": {"type": "send", "channel": "wechat", "template": "cart-wechat",
                                "fallbacks": ["sms", "email"], "next": "exit"}}}"""));
    ok(server.admin("POST", "/api/journeys/reach/publish", ""));
  }

  @AfterAll
  static void stop() {
    server.close();
    wechat.close();
    sms.close();
  }

  @Test
  void a_channel_configured_by_api_is_used_by_the_next_message_and_removing_it_sandboxes_again() {
    server.admin("DELETE", "/api/channels/sms"); // whatever another test configured
    identify("lena", "{\"name\": \"Lena\", \"phone\": \"+447700900111\"}");
    String before = sendSms("before-config", "lena");
    assertThat(status(before)).isEqualTo("sandboxed");

    configureSms();
    String after = sendSms("after-config", "lena");

    assertThat(status(after)).isEqualTo("sent");
    ProviderStub.Received request = sms.received().get(sms.received().size() - 1);
    assertThat(Outbound.json(request.body()).get("to").asText()).isEqualTo("+447700900111");
    assertThat(request.header("Idempotency-Key")).isEqualTo("api:after-config");
  }

  @Test
  void a_person_with_only_a_phone_gets_the_sms_and_one_with_an_openid_gets_wechat() {
    configureSms();
    ok(
        server.admin(
            "PUT",
            "/api/channels/wechat",
            "{\"access_token\": \"wx-token\", \"base_url\": \"" + wechat.url() + "\"}"));
    wechat.answer(200, "{\"errcode\": 0, \"errmsg\": \"ok\", \"msgid\": 4242}");
    int smsBefore = sms.received().size();

    identify("phone-only", "{\"name\": \"Pat\", \"phone\": \"+447700900222\"}");
    identify(
        "wechat-user",
        "{\"name\": \"Wei\", \"wechat_openid\": \"oWEI-1\", \"phone\": \"+447700900333\"}");
    track("phone-only", "Cart Left");
    track("wechat-user", "Cart Left");
    server.awaitApplied();
    journeys.workUntilIdle();

    JsonNode pat = message("phone-only");
    assertThat(pat.get("channel").asText()).isEqualTo("sms");
    assertThat(pat.get("status").asText()).isEqualTo("sent");
    assertThat(sms.received()).hasSize(smsBefore + 1);
    assertThat(Outbound.json(sms.received().get(smsBefore).body()).get("body").asText())
        .isEqualTo("Hi Pat, your cart is waiting");

    JsonNode wei = message("wechat-user");
    assertThat(wei.get("channel").asText()).isEqualTo("wechat");
    assertThat(wei.get("status").asText()).isEqualTo("sent");
    JsonNode sent = Outbound.json(wechat.only().body());
    assertThat(sent.get("touser").asText()).isEqualTo("oWEI-1");
    assertThat(sent.get("template_id").asText()).isEqualTo("TPL-1");
    assertThat(sent.get("data").get("first").get("value").asText()).isEqualTo("Hi Wei");
    assertThat(wechat.only().query()).isEqualTo("access_token=wx-token");
    assertThat(
            server.count(
                "select count(*) from messages where provider_id = '4242' and channel = 'wechat'"))
        .isEqualTo(1);
  }

  static void configureSms() {
    ok(
        server.admin(
            "PUT",
            "/api/channels/sms",
            "{\"provider\": \"http\", \"url\": \"" + sms.url() + "/sms\", \"api_key\": \"k-1\"}"));
  }

  static String sendSms(String key, String userId) {
    TestServer.Response r =
        ok(
            server.admin(
                "POST",
                "/api/messages/send",
                "{\"template\": \"cart-sms\", \"identifier\": \"userId:"
                    + userId
                    + "\", \"idempotency_key\": \""
                    + key
                    + "\"}"));
    journeys.workUntilIdle();
    return r.body().get("id").asText();
  }

  static String status(String messageId) {
    return server.row("select status from messages where id = " + messageId).get(0);
  }

  static void identify(String userId, String traits) {
    server.trackOk("/v1/identify", "{\"userId\": \"" + userId + "\", \"traits\": " + traits + "}");
    server.awaitApplied();
  }

  static void track(String userId, String event) {
    server.trackOk("/v1/track", "{\"userId\": \"" + userId + "\", \"event\": \"" + event + "\"}");
  }

  static JsonNode message(String userId) {
    String id = server.profile("userId:" + userId).get("id").asText();
    CLOCK.advance(Duration.ofSeconds(1));
    JsonNode messages = server.get("/api/messages?profile_id=" + id).body().get("messages");
    assertThat(messages).hasSize(1);
    return messages.get(0);
  }

  static TestServer.Response ok(TestServer.Response response) {
    assertThat(response.status()).as(response.text()).isBetween(200, 299);
    return response;
  }
}
