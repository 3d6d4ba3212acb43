package dev.kairos.channel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.delivery.Channel;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * WeChat official-account template messages: {@code POST
 * /cgi-bin/message/template/send?access_token=…} with {@code {"touser": openid, "template_id",
 * "url", "miniprogram": {"appid", "pagepath"}, "client_msg_id", "data": {key: {"value"}}}}. The
 * template's {@code data} gives {@code template_id}, optional {@code url}, {@code
 * miniprogram_appid} and {@code miniprogram_pagepath}; every other entry is one WeChat data key.
 * {@code client_msg_id} is the idempotency key (its SHA-256 when longer than 64 characters): WeChat
 * drops a repeat within ten minutes. WeChat answers HTTP 200 with an {@code errcode}: 0 is sent
 * ({@code msgid} the provider id); -1 (busy), 45009/45047 (limits) are retried; 40001, 40014, 42001
 * (the access token is invalid or expired) forget the token and are retried; anything else (43004
 * not following, 40003 bad openid, 40037 bad template) is final.
 */
public final class WeChatTemplateChannel implements Channel {
  public static final URI API = URI.create("https://api.weixin.qq.com");
  static final Set<String> RESERVED =
      Set.of("template_id", "url", "miniprogram_appid", "miniprogram_pagepath");
  private static final Set<Integer> RETRIED = Set.of(-1, 45009, 45047);
  private static final Set<Integer> TOKEN_REFUSED = Set.of(40001, 40014, 42001);

  /**
   * {@code accessToken} (a secret) as given, or {@code appId} with {@code appSecret} (a secret) to
   * obtain one from {@code /cgi-bin/token}; {@code callbackToken} (a secret) verifies WeChat's
   * event pushes to {@code /hooks/wechat}.
   */
  public record Settings(
      URI baseUrl, String appId, String appSecret, String accessToken, String callbackToken)
      implements ChannelSettings {
    @Override
    public String provider() {
      return "wechat";
    }
  }

  private final Settings settings;
  private final ProviderHttp http;
  private final Clock clock;
  private String token;
  private Instant expires = Instant.MIN;

  WeChatTemplateChannel(Settings settings, ProviderHttp http, Clock clock) {
    this.settings = settings;
    this.http = http;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "wechat";
  }

  @Override
  public Handoff deliver(OutboundMessage m) {
    Map<String, String> parts = m.content().data() == null ? Map.of() : m.content().data();
    if (parts.get("template_id") == null) {
      return new Handoff.Failed(false, "the template's data has no template_id");
    }
    ProviderToken accessToken = accessToken();
    if (accessToken instanceof ProviderToken.Refused r) {
      return new Handoff.Failed(r.retryable(), r.error());
    }
    URI uri =
        URI.create(
            ProviderHttp.base(settings.baseUrl())
                + "/cgi-bin/message/template/send?access_token="
                + ProviderHttp.encode(((ProviderToken.Token) accessToken).value()));
    ProviderHttp.Reply reply =
        http.call(
            http.to(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(http.write(body(m, parts))))
                .build());
    if (!(reply instanceof ProviderHttp.Reply.Answered a) || a.status() != 200) {
      return http.classify(reply, answer -> null);
    }
    return outcome(http.parse(a.body()));
  }

  static Map<String, Object> body(OutboundMessage m, Map<String, String> parts) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("touser", m.address());
    body.put("template_id", parts.get("template_id"));
    if (parts.get("url") != null) {
      body.put("url", parts.get("url"));
    }
    if (parts.get("miniprogram_appid") != null) {
      Map<String, String> mini = new LinkedHashMap<>();
      mini.put("appid", parts.get("miniprogram_appid"));
      mini.put("pagepath", parts.getOrDefault("miniprogram_pagepath", ""));
      body.put("miniprogram", mini);
    }
    body.put("client_msg_id", clientMsgId(m.idempotencyKey()));
    Map<String, Object> data = new LinkedHashMap<>();
    parts.forEach(
        (k, v) -> {
          if (!RESERVED.contains(k)) {
            data.put(k, Map.of("value", v));
          }
        });
    body.put("data", data);
    return body;
  }

  private Handoff outcome(JsonNode answer) {
    int code = answer.path("errcode").asInt(0);
    if (code == 0) {
      return new Handoff.Sent(ProviderHttp.text(answer.get("msgid")).orElse(null));
    }
    String error = "WeChat errcode " + code + ": " + answer.path("errmsg").asText("");
    if (TOKEN_REFUSED.contains(code)) {
      forgetToken();
      return new Handoff.Failed(true, error);
    }
    return new Handoff.Failed(RETRIED.contains(code), error);
  }

  static String clientMsgId(String key) {
    if (key.length() <= 64) {
      return key;
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private synchronized ProviderToken accessToken() {
    if (settings.accessToken() != null) {
      return new ProviderToken.Token(settings.accessToken());
    }
    Instant now = clock.instant();
    if (token != null && now.isBefore(expires)) {
      return new ProviderToken.Token(token);
    }
    URI uri =
        URI.create(
            ProviderHttp.base(settings.baseUrl())
                + "/cgi-bin/token?grant_type=client_credential&appid="
                + ProviderHttp.encode(settings.appId())
                + "&secret="
                + ProviderHttp.encode(settings.appSecret()));
    ProviderHttp.Reply reply = http.call(http.to(uri).GET().build());
    if (!(reply instanceof ProviderHttp.Reply.Answered a) || a.status() != 200) {
      return new ProviderToken.Refused(true, "WeChat access token: " + describe(reply));
    }
    JsonNode answer = http.parse(a.body());
    Optional<String> value = ProviderHttp.text(answer.get("access_token"));
    if (value.isEmpty()) {
      int code = answer.path("errcode").asInt(0);
      return new ProviderToken.Refused(
          code == -1,
          "WeChat access token: errcode " + code + ": " + answer.path("errmsg").asText(""));
    }
    token = value.get();
    expires =
        now.plus(Duration.ofSeconds(Math.max(0, answer.path("expires_in").asLong(7200) - 300)));
    return new ProviderToken.Token(token);
  }

  private synchronized void forgetToken() {
    token = null;
  }

  private static String describe(ProviderHttp.Reply reply) {
    return reply instanceof ProviderHttp.Reply.Answered a
        ? "HTTP " + a.status() + ": " + ProviderHttp.excerpt(a)
        : ((ProviderHttp.Reply.Unreachable) reply).error();
  }
}
