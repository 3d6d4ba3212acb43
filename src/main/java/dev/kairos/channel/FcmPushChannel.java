package dev.kairos.channel;

import dev.kairos.delivery.Channel;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * App push through Firebase Cloud Messaging's HTTP v1 API: {@code POST
 * /v1/projects/{project_id}/messages:send} with {@code {"message": {"token", "notification":
 * {"title", "body", "image"}, "data": {…}}}} and an OAuth bearer token ({@link GoogleAccessToken}:
 * a static access token or a service account). The template's {@code data} gives {@code title} and
 * {@code image_url}; its other entries (e.g. {@code url}) and {@code kairos_message_id} (the
 * idempotency key, so the app can drop a repeat: FCM takes no idempotency key) go in {@code data}.
 * The provider id is the answer's {@code name}. A 401 forgets the token and is retried.
 */
public final class FcmPushChannel implements Channel {
  public static final URI API = URI.create("https://fcm.googleapis.com");
  private static final Set<String> NOTIFICATION_PARTS = Set.of("title", "image_url");

  /**
   * {@code accessToken} (a secret) or {@code serviceAccount} (its {@code private_key} a secret)
   * authenticates.
   */
  public record Settings(
      URI baseUrl,
      String projectId,
      String accessToken,
      GoogleAccessToken.ServiceAccount serviceAccount)
      implements ChannelSettings {
    @Override
    public String provider() {
      return "fcm";
    }
  }

  private final Settings settings;
  private final ProviderHttp http;
  private final GoogleAccessToken tokens;

  FcmPushChannel(Settings settings, ProviderHttp http, GoogleAccessToken tokens) {
    this.settings = settings;
    this.http = http;
    this.tokens = tokens;
  }

  @Override
  public String name() {
    return "push";
  }

  @Override
  public Handoff deliver(OutboundMessage m) {
    ProviderToken token = tokens.current();
    if (token instanceof ProviderToken.Refused r) {
      return new Handoff.Failed(r.retryable(), r.error());
    }
    URI uri =
        URI.create(
            ProviderHttp.base(settings.baseUrl())
                + "/v1/projects/"
                + ProviderHttp.encode(settings.projectId())
                + "/messages:send");
    Handoff handoff =
        http.send(
            http.to(uri)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ((ProviderToken.Token) token).value())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(http.write(body(m))))
                .build(),
            answer -> ProviderHttp.text(answer.get("name")).orElse(null));
    if (handoff instanceof Handoff.Failed f && f.error().startsWith("HTTP 401")) {
      tokens.forget();
      return new Handoff.Failed(true, f.error());
    }
    return handoff;
  }

  static Map<String, Object> body(OutboundMessage m) {
    Map<String, String> parts = m.content().data() == null ? Map.of() : m.content().data();
    Map<String, Object> notification = new LinkedHashMap<>();
    Optional.ofNullable(parts.get("title"))
        .or(() -> Optional.ofNullable(m.content().subject()))
        .ifPresent(t -> notification.put("title", t));
    notification.put("body", m.content().body());
    Optional.ofNullable(parts.get("image_url")).ifPresent(i -> notification.put("image", i));
    Map<String, String> data = new LinkedHashMap<>();
    parts.forEach(
        (k, v) -> {
          if (!NOTIFICATION_PARTS.contains(k)) {
            data.put(k, v);
          }
        });
    data.put("kairos_message_id", m.idempotencyKey());
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("token", m.address());
    message.put("notification", notification);
    message.put("data", data);
    return Map.of("message", message);
  }
}
