package dev.kairos.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.delivery.Channel.Handoff;
import dev.kairos.testing.SettableClock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The exact WhatsApp Cloud API template request and the signed generic webhook. */
class WhatsAppAndWebhookChannelsTest {
  static final SettableClock CLOCK = new SettableClock(Instant.parse("2026-12-08T00:00:00Z"));
  final ProviderStub provider = new ProviderStub();

  @AfterEach
  void stop() {
    provider.close();
  }

  @Test
  void a_whatsapp_template_message_names_template_language_and_parameters_in_order() {
    provider.answer(
        200,
        """
        {"messaging_product": "whatsapp", "contacts": [{"input": "447700900123", "wa_id": "447700900123"}],
         "messages": [{"id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA"}]}""");
    WhatsAppTemplateChannel whatsapp =
        new WhatsAppTemplateChannel(
            new WhatsAppTemplateChannel.Settings(
                provider.url(), "v21.0", "106540352242922", "EAAG-token", "app-secret", "verify"),
            Outbound.http());

    Handoff handoff =
        whatsapp.deliver(
            Outbound.message(
                "whatsapp",
                "+447700900123",
                null,
                null,
                Map.of(
                    "template_name", "cart_reminder",
                    "language", "en_GB",
                    "param1", "Ann",
                    "param2", "Trail shoes",
                    "header_image_url", "https://cdn.example/shoe.jpg")));

    assertThat(handoff)
        .isEqualTo(new Handoff.Sent("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA"));
    ProviderStub.Received r = provider.only();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/v21.0/106540352242922/messages");
    assertThat(r.header("Authorization")).isEqualTo("Bearer EAAG-token");
    assertThat(Outbound.json(r.body()))
        .isEqualTo(
            Outbound.json(
                """
                {"messaging_product": "whatsapp", "recipient_type": "individual",
                 "to": "447700900123", "type": "template",
                 "template": {"name": "cart_reminder", "language": {"code": "en_GB"},
                   "components": [
                     {"type": "header", "parameters": [{"type": "image", "image": {"link": "https://cdn.example/shoe.jpg"}}]},
                     {"type": "body", "parameters": [{"type": "text", "text": "Ann"},
                                                     {"type": "text", "text": "Trail shoes"}]}]}}"""));
  }

  @Test
  void a_webhook_is_signed_over_timestamp_and_body_and_carries_the_idempotency_key() {
    WebhookChannel webhook =
        new WebhookChannel(new WebhookChannel.Settings(null, "whsec-1"), Outbound.http(), CLOCK);
    String body = "{\"event\":{\"order_id\":\"A1\"}}";

    Handoff handoff =
        webhook.deliver(
            Outbound.message("webhook", provider.url() + "/orders/hook", null, body, Map.of()));

    assertThat(handoff).isEqualTo(new Handoff.Sent("run:5f0c:first"));
    ProviderStub.Received r = provider.only();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/orders/hook");
    assertThat(r.body()).isEqualTo(body);
    assertThat(r.header("Idempotency-Key")).isEqualTo("run:5f0c:first");
    assertThat(r.header("X-Kairos-Timestamp")).isEqualTo("1796688000");
    // computed independently: printf '1796688000.{"event":{"order_id":"A1"}}' | openssl dgst
    // -sha256 -hmac whsec-1
    assertThat(r.header("X-Kairos-Signature"))
        .isEqualTo("v1=2e6d2e7a12418f7a7e6f769adf6d9e428ce97565f3fa0b1373a09d1290da60bd");
  }

  @Test
  void a_webhook_without_a_url_of_its_own_goes_to_the_configured_one() {
    WebhookChannel webhook =
        new WebhookChannel(
            new WebhookChannel.Settings(provider.url().resolve("/default"), "s"),
            Outbound.http(),
            CLOCK);

    webhook.deliver(Outbound.message("webhook", null, null, "{}", Map.of()));

    assertThat(provider.only().path()).isEqualTo("/default");
  }
}
