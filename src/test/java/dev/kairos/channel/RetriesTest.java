package dev.kairos.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.delivery.Channel;
import dev.kairos.delivery.Channel.Handoff;
import dev.kairos.testing.SettableClock;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every adapter alike: a 5xx, a 429 and a timeout are retryable failures (the provider may take the
 * message later), a 4xx is final, a provider that is not there at all is retryable.
 */
class RetriesTest {
  static final SettableClock CLOCK = new SettableClock(Instant.parse("2026-12-08T00:00:00Z"));
  final ProviderStub provider = new ProviderStub();

  @AfterEach
  void stop() {
    provider.close();
  }

  record Adapter(String name, Function<URI, Channel> make, Map<String, String> data) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Adapter> adapters() {
    ProviderHttp http = Outbound.http();
    return Stream.of(
        new Adapter(
            "generic sms",
            u -> new HttpSmsChannel(new HttpSmsChannel.Settings(u, "k", null), http),
            Map.of()),
        new Adapter(
            "twilio",
            u ->
                new TwilioSmsChannel(
                    new TwilioSmsChannel.Settings(u, "AC1", "t", "+1", null, null), http),
            Map.of()),
        new Adapter(
            "fcm",
            u ->
                new FcmPushChannel(
                    new FcmPushChannel.Settings(u, "p", "tok", null),
                    http,
                    new GoogleAccessToken(
                        java.util.Optional.of("tok"), java.util.Optional.empty(), http, CLOCK)),
            Map.of()),
        new Adapter(
            "wechat",
            u ->
                new WeChatTemplateChannel(
                    new WeChatTemplateChannel.Settings(u, null, null, "tok", null), http, CLOCK),
            Map.of("template_id", "tpl")),
        new Adapter(
            "whatsapp",
            u ->
                new WhatsAppTemplateChannel(
                    new WhatsAppTemplateChannel.Settings(u, "v21.0", "1", "tok", null, null), http),
            Map.of("template_name", "t")),
        new Adapter(
            "webhook",
            u -> new WebhookChannel(new WebhookChannel.Settings(u, "s"), http, CLOCK),
            Map.of()));
  }

  Handoff deliver(Adapter adapter, URI url) {
    return adapter
        .make()
        .apply(url)
        .deliver(
            Outbound.message(
                "x",
                "webhook".equals(adapter.name()) ? null : "+15550100",
                "S",
                "{}",
                adapter.data()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void a_server_error_or_throttling_is_retried(Adapter adapter) {
    provider.answer(503, "{\"error\": \"unavailable\"}").answer(429, "{}");
    Handoff unavailable = deliver(adapter, provider.url());
    Handoff throttled = deliver(adapter, provider.url());

    assertThat(unavailable).isInstanceOf(Handoff.Failed.class);
    assertThat(((Handoff.Failed) unavailable).retryable()).isTrue();
    assertThat(((Handoff.Failed) unavailable).error()).startsWith("HTTP 503");
    assertThat(((Handoff.Failed) throttled).retryable()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void a_client_error_is_not_retried(Adapter adapter) {
    provider.answer(400, "{\"error\": \"bad request\"}");
    Handoff handoff = deliver(adapter, provider.url());

    assertThat(handoff)
        .isEqualTo(new Handoff.Failed(false, "HTTP 400: {\"error\": \"bad request\"}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void a_provider_that_does_not_answer_in_time_is_retried(Adapter adapter) {
    provider.hang();
    Handoff handoff = deliver(adapter, provider.url());

    assertThat(handoff).isInstanceOf(Handoff.Failed.class);
    assertThat(((Handoff.Failed) handoff).retryable()).isTrue();
    assertThat(((Handoff.Failed) handoff).error()).contains("HttpTimeoutException");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void a_provider_that_is_not_there_is_retried(Adapter adapter) {
    URI nobody = provider.url();
    provider.close();
    Handoff handoff = deliver(adapter, nobody);

    assertThat(((Handoff.Failed) handoff).retryable()).isTrue();
  }
}
