package dev.kairos.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.delivery.Channel.Handoff;
import dev.kairos.testing.SettableClock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The exact WeChat template-message request, its access token, and its errcodes. */
class WeChatTemplateChannelTest {
  static final SettableClock CLOCK = new SettableClock(Instant.parse("2026-12-08T00:00:00Z"));
  final ProviderStub provider = new ProviderStub();

  @AfterEach
  void stop() {
    provider.close();
  }

  @Test
  void a_template_message_names_the_openid_template_data_link_and_client_msg_id() {
    provider.answer(200, "{\"errcode\": 0, \"errmsg\": \"ok\", \"msgid\": 200228332}");
    Map<String, String> data = new LinkedHashMap<>();
    data.put("template_id", "ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY");
    data.put("url", "https://shop.example/cart");
    data.put("miniprogram_appid", "wx-mini");
    data.put("miniprogram_pagepath", "pages/cart");
    data.put("first", "Your cart is waiting");
    data.put("keyword1", "Trail shoes");

    Handoff handoff =
        channel(null, null, "static-token")
            .deliver(Outbound.message("wechat", "oX3ab-openid", null, null, data));

    assertThat(handoff).isEqualTo(new Handoff.Sent("200228332"));
    ProviderStub.Received r = provider.only();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/cgi-bin/message/template/send");
    assertThat(r.query()).isEqualTo("access_token=static-token");
    assertThat(Outbound.json(r.body()))
        .isEqualTo(
            Outbound.json(
                """
                {"touser": "oX3ab-openid",
                 "template_id": "ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY",
                 "url": "https://shop.example/cart",
                 "miniprogram": {"appid": "wx-mini", "pagepath": "pages/cart"},
                 "client_msg_id": "run:5f0c:first",
                 "data": {"first": {"value": "Your cart is waiting"},
                          "keyword1": {"value": "Trail shoes"}}}"""));
  }

  @Test
  void the_access_token_is_fetched_with_app_id_and_secret_once_and_refetched_when_expired() {
    provider.answer(200, "{\"access_token\": \"T1\", \"expires_in\": 7200}");
    provider.answer(200, "{\"errcode\": 0, \"msgid\": 1}");
    provider.answer(200, "{\"errcode\": 42001, \"errmsg\": \"access_token expired\"}");
    provider.answer(200, "{\"access_token\": \"T2\", \"expires_in\": 7200}");
    provider.answer(200, "{\"errcode\": 0, \"msgid\": 2}");
    WeChatTemplateChannel wechat = channel("wxAPP", "app-secret", null);
    Map<String, String> data = Map.of("template_id", "tpl");

    assertThat(wechat.deliver(Outbound.message("wechat", "o1", null, null, data)))
        .isEqualTo(new Handoff.Sent("1"));
    Handoff expired = wechat.deliver(Outbound.message("wechat", "o1", null, null, data));
    Handoff again = wechat.deliver(Outbound.message("wechat", "o1", null, null, data));

    assertThat(expired)
        .isEqualTo(new Handoff.Failed(true, "WeChat errcode 42001: access_token expired"));
    assertThat(again).isEqualTo(new Handoff.Sent("2"));
    var requests = provider.received();
    assertThat(requests.get(0).method()).isEqualTo("GET");
    assertThat(requests.get(0).path()).isEqualTo("/cgi-bin/token");
    assertThat(requests.get(0).query())
        .isEqualTo("grant_type=client_credential&appid=wxAPP&secret=app-secret");
    assertThat(requests.get(1).query()).isEqualTo("access_token=T1");
    assertThat(requests.get(2).query()).isEqualTo("access_token=T1");
    assertThat(requests.get(3).path()).isEqualTo("/cgi-bin/token");
    assertThat(requests.get(4).query()).isEqualTo("access_token=T2");
  }

  @Test
  void a_person_who_does_not_follow_is_final_and_a_busy_system_is_retried() {
    provider.answer(200, "{\"errcode\": 43004, \"errmsg\": \"require subscribe\"}");
    provider.answer(200, "{\"errcode\": -1, \"errmsg\": \"system error\"}");
    WeChatTemplateChannel wechat = channel(null, null, "t");
    Map<String, String> data = Map.of("template_id", "tpl");

    Handoff unfollowed = wechat.deliver(Outbound.message("wechat", "o1", null, null, data));
    Handoff busy = wechat.deliver(Outbound.message("wechat", "o1", null, null, data));

    assertThat(unfollowed)
        .isEqualTo(new Handoff.Failed(false, "WeChat errcode 43004: require subscribe"));
    assertThat(busy).isEqualTo(new Handoff.Failed(true, "WeChat errcode -1: system error"));
  }

  @Test
  void a_template_without_template_id_is_refused_before_any_request() {
    Handoff handoff =
        channel(null, null, "t").deliver(Outbound.message("wechat", "o1", null, "x", Map.of()));

    assertThat(handoff)
        .isEqualTo(new Handoff.Failed(false, "the template's data has no template_id"));
    assertThat(provider.received()).isEmpty();
  }

  @Test
  void a_long_idempotency_key_becomes_its_sha256_within_64_characters() {
    String key = "run:" + "x".repeat(80) + ":step";
    assertThat(WeChatTemplateChannel.clientMsgId(key)).hasSize(64).isNotEqualTo(key);
    assertThat(WeChatTemplateChannel.clientMsgId("run:a:b")).isEqualTo("run:a:b");
  }

  WeChatTemplateChannel channel(String appId, String secret, String token) {
    return new WeChatTemplateChannel(
        new WeChatTemplateChannel.Settings(provider.url(), appId, secret, token, null),
        Outbound.http(),
        CLOCK);
  }
}
