package dev.kairos.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.delivery.Channel.Handoff;
import dev.kairos.testing.SettableClock;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The exact FCM HTTP v1 request, with a static access token or a service account's. */
class FcmPushChannelTest {
  static final SettableClock CLOCK = new SettableClock(Instant.parse("2026-12-08T00:00:00Z"));
  final ProviderStub provider = new ProviderStub();

  @AfterEach
  void stop() {
    provider.close();
  }

  @Test
  void a_push_posts_token_notification_and_data_to_the_projects_send_route() {
    provider.answer(200, "{\"name\": \"projects/shop-app/messages/0:1500415314455276%31bd1c9\"}");
    FcmPushChannel push = channel(Optional.of("ya29.static"), Optional.empty());

    Handoff handoff =
        push.deliver(
            Outbound.message(
                "push",
                "fcm-device-token-1",
                null,
                "Your cart is waiting",
                Map.of(
                    "title", "Still thinking?",
                    "image_url", "https://cdn.example/shoe.jpg",
                    "url", "shop://cart")));

    assertThat(handoff)
        .isEqualTo(new Handoff.Sent("projects/shop-app/messages/0:1500415314455276%31bd1c9"));
    ProviderStub.Received r = provider.only();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/v1/projects/shop-app/messages:send");
    assertThat(r.header("Authorization")).isEqualTo("Bearer ya29.static");
    assertThat(Outbound.json(r.body()))
        .isEqualTo(
            Outbound.json(
                """
                {"message": {"token": "fcm-device-token-1",
                  "notification": {"title": "Still thinking?", "body": "Your cart is waiting",
                                   "image": "https://cdn.example/shoe.jpg"},
                  "data": {"url": "shop://cart", "kairos_message_id": "run:5f0c:first"}}}"""));
  }

  @Test
  void a_service_account_signs_a_jwt_exchanges_it_once_and_reuses_the_token() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    provider.answer(200, "{\"access_token\": \"ya29.minted\", \"expires_in\": 3599}");
    FcmPushChannel push =
        channel(
            Optional.empty(),
            Optional.of(
                new GoogleAccessToken.ServiceAccount(
                    "kairos@shop-app.iam.gserviceaccount.com",
                    pem,
                    provider.url().resolve("/token"))));

    push.deliver(Outbound.message("push", "t1", "Hi", "one", Map.of()));
    push.deliver(Outbound.message("push", "t2", "Hi", "two", Map.of()));

    var requests = provider.received();
    assertThat(requests).hasSize(3);
    ProviderStub.Received exchange = requests.get(0);
    assertThat(exchange.path()).isEqualTo("/token");
    Map<String, String> form = form(exchange.body());
    assertThat(form.get("grant_type")).isEqualTo("urn:ietf:params:oauth:grant-type:jwt-bearer");
    String[] jwt = form.get("assertion").split("\\.");
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(keys.getPublic());
    rsa.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(rsa.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();
    JsonNode claims = Outbound.json(new String(Base64.getUrlDecoder().decode(jwt[1])));
    assertThat(claims.get("iss").asText()).isEqualTo("kairos@shop-app.iam.gserviceaccount.com");
    assertThat(claims.get("scope").asText())
        .isEqualTo("https://www.googleapis.com/auth/firebase.messaging");
    assertThat(claims.get("aud").asText()).isEqualTo(provider.url().resolve("/token").toString());
    assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(3600);
    assertThat(requests.get(1).header("Authorization")).isEqualTo("Bearer ya29.minted");
    assertThat(requests.get(2).header("Authorization")).isEqualTo("Bearer ya29.minted");
  }

  @Test
  void an_unregistered_token_is_final_and_a_refused_access_token_is_retried() {
    provider.answer(
        404,
        "{\"error\": {\"status\": \"NOT_FOUND\", \"details\": [{\"errorCode\": \"UNREGISTERED\"}]}}");
    provider.answer(401, "{\"error\": {\"status\": \"UNAUTHENTICATED\"}}");
    FcmPushChannel push = channel(Optional.of("ya29.static"), Optional.empty());

    Handoff gone = push.deliver(Outbound.message("push", "old", "Hi", "x", Map.of()));
    Handoff unauthenticated = push.deliver(Outbound.message("push", "t", "Hi", "x", Map.of()));

    assertThat(((Handoff.Failed) gone).retryable()).isFalse();
    assertThat(((Handoff.Failed) gone).error()).contains("UNREGISTERED");
    assertThat(((Handoff.Failed) unauthenticated).retryable()).isTrue();
  }

  @Test
  void an_expired_service_account_token_is_exchanged_again() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    String pem = Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded());
    provider.answer(200, "{\"access_token\": \"first\", \"expires_in\": 3600}");
    provider.answer(200, "{}");
    provider.answer(200, "{\"access_token\": \"second\", \"expires_in\": 3600}");
    FcmPushChannel push =
        channel(
            Optional.empty(),
            Optional.of(
                new GoogleAccessToken.ServiceAccount(
                    "a@b", pem, provider.url().resolve("/token"))));

    push.deliver(Outbound.message("push", "t", "Hi", "x", Map.of()));
    CLOCK.advance(Duration.ofMinutes(59).plusSeconds(30));
    push.deliver(Outbound.message("push", "t", "Hi", "x", Map.of()));

    assertThat(provider.received().get(3).header("Authorization")).isEqualTo("Bearer second");
  }

  FcmPushChannel channel(
      Optional<String> token, Optional<GoogleAccessToken.ServiceAccount> account) {
    ProviderHttp http = Outbound.http();
    return new FcmPushChannel(
        new FcmPushChannel.Settings(
            provider.url(), "shop-app", token.orElse(null), account.orElse(null)),
        http,
        new GoogleAccessToken(token, account, http, CLOCK));
  }

  static Map<String, String> form(String body) {
    Map<String, String> form = new java.util.HashMap<>();
    for (String pair : body.split("&")) {
      String[] kv = pair.split("=", 2);
      form.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return form;
  }
}
