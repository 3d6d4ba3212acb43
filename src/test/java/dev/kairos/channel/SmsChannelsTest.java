package dev.kairos.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.delivery.Channel.Handoff;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The exact requests of the generic HTTP SMS shape and of Twilio's Messages API. */
class SmsChannelsTest {
  final ProviderStub provider = new ProviderStub();

  @AfterEach
  void stop() {
    provider.close();
  }

  @Test
  void the_generic_shape_posts_to_body_and_idempotency_key_as_json_with_a_bearer_key() {
    provider.answer(202, "{\"id\": \"gw-981\"}");
    HttpSmsChannel sms =
        new HttpSmsChannel(
            new HttpSmsChannel.Settings(provider.url().resolve("/send"), "k-123", "Kairos"),
            Outbound.http());

    Handoff handoff =
        sms.deliver(
            Outbound.message("sms", "+447700900123", null, "Your cart misses you", Map.of()));

    assertThat(handoff).isEqualTo(new Handoff.Sent("gw-981"));
    ProviderStub.Received r = provider.only();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/send");
    assertThat(r.header("Authorization")).isEqualTo("Bearer k-123");
    assertThat(r.header("Idempotency-Key")).isEqualTo("run:5f0c:first");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(Outbound.json(r.body()))
        .isEqualTo(
            Outbound.json(
                """
                {"to": "+447700900123", "from": "Kairos", "body": "Your cart misses you",
                 "idempotency_key": "run:5f0c:first", "message_id": 7}"""));
  }

  @Test
  void the_generic_shape_without_a_key_sends_no_authorization_and_keeps_the_key_as_id() {
    HttpSmsChannel sms =
        new HttpSmsChannel(
            new HttpSmsChannel.Settings(provider.url().resolve("/send"), null, null),
            Outbound.http());

    assertThat(sms.deliver(Outbound.message("sms", "+15550100", null, "Hi", Map.of())))
        .isEqualTo(new Handoff.Sent("run:5f0c:first"));
    assertThat(provider.only().header("Authorization")).isNull();
    assertThat(Outbound.json(provider.only().body()).has("from")).isFalse();
  }

  @Test
  void twilio_gets_a_form_with_basic_auth_and_the_status_callback_and_its_sid_is_kept() {
    provider.answer(201, "{\"sid\": \"SM0123456789abcdef\", \"status\": \"queued\"}");
    TwilioSmsChannel twilio =
        new TwilioSmsChannel(
            new TwilioSmsChannel.Settings(
                provider.url(),
                "AC11",
                "secret-token",
                "+15005550006",
                null,
                URI.create("https://shop.example/hooks/twilio")),
            Outbound.http());

    Handoff handoff =
        twilio.deliver(Outbound.message("sms", "+447700900123", null, "50% off & more", Map.of()));

    assertThat(handoff).isEqualTo(new Handoff.Sent("SM0123456789abcdef"));
    ProviderStub.Received r = provider.only();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/2010-04-01/Accounts/AC11/Messages.json");
    assertThat(r.header("Authorization")).isEqualTo("Basic QUMxMTpzZWNyZXQtdG9rZW4=");
    assertThat(r.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(r.body())
        .isEqualTo(
            "To=%2B447700900123&From=%2B15005550006&Body=50%25+off+%26+more"
                + "&StatusCallback=https%3A%2F%2Fshop.example%2Fhooks%2Ftwilio");
  }

  @Test
  void twilio_with_a_messaging_service_sends_its_sid_instead_of_from() {
    provider.answer(201, "{\"sid\": \"SM1\"}");
    TwilioSmsChannel twilio =
        new TwilioSmsChannel(
            new TwilioSmsChannel.Settings(provider.url(), "AC11", "t", null, "MG77", null),
            Outbound.http());

    twilio.deliver(Outbound.message("sms", "+15550100", null, "Hi", Map.of()));

    assertThat(provider.only().body()).isEqualTo("To=%2B15550100&MessagingServiceSid=MG77&Body=Hi");
  }

  @Test
  void a_twilio_refusal_of_the_number_is_final_and_says_why() {
    provider.answer(400, "{\"code\": 21211, \"message\": \"The 'To' number is not valid.\"}");
    TwilioSmsChannel twilio =
        new TwilioSmsChannel(
            new TwilioSmsChannel.Settings(provider.url(), "AC11", "t", "+1500", null, null),
            Outbound.http());

    Handoff handoff = twilio.deliver(Outbound.message("sms", "+1", null, "Hi", Map.of()));

    assertThat(handoff).isInstanceOf(Handoff.Failed.class);
    assertThat(((Handoff.Failed) handoff).retryable()).isFalse();
    assertThat(((Handoff.Failed) handoff).error()).contains("400").contains("21211");
  }
}
