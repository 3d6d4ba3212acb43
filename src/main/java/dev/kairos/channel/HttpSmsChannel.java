package dev.kairos.channel;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kairos.delivery.Channel;
import java.net.URI;
import java.net.http.HttpRequest;

/**
 * SMS through any provider (or an in-house gateway) that takes the documented generic shape: a JSON
 * {@code POST} of {@code {"to", "from", "body", "idempotency_key", "message_id"}} to the configured
 * URL, with the idempotency key also in the {@code Idempotency-Key} header and the API key, when
 * configured, as {@code Authorization: Bearer}. The provider's id is read from {@code id} (else
 * {@code message_id}, else {@code sid}) of its answer.
 */
public final class HttpSmsChannel implements Channel {
  /** Where and how to post: {@code url}, optional {@code apiKey} (a secret) and {@code from}. */
  public record Settings(URI url, String apiKey, String from) implements ChannelSettings {
    @Override
    public String provider() {
      return "http";
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Request(String to, String from, String body, String idempotency_key, long message_id) {}

  private final Settings settings;
  private final ProviderHttp http;

  HttpSmsChannel(Settings settings, ProviderHttp http) {
    this.settings = settings;
    this.http = http;
  }

  @Override
  public String name() {
    return "sms";
  }

  @Override
  public Handoff deliver(OutboundMessage m) {
    String json =
        http.write(
            new Request(
                m.address(), settings.from(), m.content().body(), m.idempotencyKey(), m.id()));
    HttpRequest.Builder request =
        http.to(settings.url())
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", m.idempotencyKey())
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (settings.apiKey() != null) {
      request.header("Authorization", "Bearer " + settings.apiKey());
    }
    return http.send(
        request.build(),
        answer ->
            ProviderHttp.text(answer.get("id"))
                .or(() -> ProviderHttp.text(answer.get("message_id")))
                .or(() -> ProviderHttp.text(answer.get("sid")))
                .orElse(m.idempotencyKey()));
  }
}
