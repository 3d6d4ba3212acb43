package dev.kairos.channel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.delivery.Channel;
import dev.kairos.platform.http.Json;
import dev.kairos.template.Rendering;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** Messages and clients for adapter tests. */
final class Outbound {
  static final UUID PROFILE = UUID.fromString("00000000-0000-0000-0000-000000000042");

  private Outbound() {}

  static Channel.OutboundMessage message(
      String channel, String address, String subject, String body, Map<String, String> data) {
    return new Channel.OutboundMessage(
        7,
        "run:5f0c:first",
        PROFILE,
        channel,
        "promotions",
        address,
        new Rendering.Rendered(subject, null, null, null, body, data));
  }

  /** A client that gives up after a second, so a hanging provider is a quick timeout. */
  static ProviderHttp http() {
    return new ProviderHttp(HttpClient.newHttpClient(), Json.MAPPER, Duration.ofSeconds(1));
  }

  static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
