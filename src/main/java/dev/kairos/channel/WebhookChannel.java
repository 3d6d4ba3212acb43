package dev.kairos.channel;

import dev.kairos.delivery.Channel;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed generic webhooks: a JSON {@code POST} of the message's body (a webhook step's run
 * variables) to the step's URL (else the configured {@code url}) with {@code Idempotency-Key},
 * {@code X-Kairos-Timestamp} (Unix seconds) and {@code X-Kairos-Signature: v1=} the hex
 * HMAC-SHA256, keyed with the configured secret, of {@code timestamp + "." + body}. A receiver
 * recomputes it, compares in constant time and refuses old timestamps (replays).
 */
public final class WebhookChannel implements Channel {
  public static final String SIGNATURE = "X-Kairos-Signature";
  public static final String TIMESTAMP = "X-Kairos-Timestamp";

  /** {@code secret} signs every request; {@code url} is used when the message names none. */
  public record Settings(URI url, String secret) implements ChannelSettings {
    @Override
    public String provider() {
      return "webhook";
    }
  }

  private final Settings settings;
  private final ProviderHttp http;
  private final Clock clock;

  WebhookChannel(Settings settings, ProviderHttp http, Clock clock) {
    this.settings = settings;
    this.http = http;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "webhook";
  }

  @Override
  public Handoff deliver(OutboundMessage m) {
    URI target;
    if (m.address() != null && !m.address().isBlank()) {
      target = URI.create(m.address());
    } else if (settings.url() != null) {
      target = settings.url();
    } else {
      return new Handoff.Failed(false, "no URL: the step names none and the channel has no url");
    }
    String body = m.content().body() == null ? "{}" : m.content().body();
    String timestamp = String.valueOf(clock.instant().getEpochSecond());
    return http.send(
        http.to(target)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", m.idempotencyKey())
            .header(TIMESTAMP, timestamp)
            .header(SIGNATURE, "v1=" + signature(settings.secret(), timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        answer -> m.idempotencyKey());
  }

  /** The hex HMAC-SHA256 of {@code timestamp + "." + body} with the secret. */
  public static String signature(String secret, String timestamp, String body) {
    return HexFormat.of().formatHex(hmac(secret, timestamp + "." + body));
  }

  static byte[] hmac(String secret, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
    }
  }
}
