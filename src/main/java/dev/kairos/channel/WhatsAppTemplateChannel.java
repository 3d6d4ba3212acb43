package dev.kairos.channel;

import dev.kairos.delivery.Channel;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WhatsApp template messages through Meta's Cloud API: {@code POST
 * /{api_version}/{phone_number_id}/messages} with a bearer token and {@code {"messaging_product":
 * "whatsapp", "recipient_type": "individual", "to", "type": "template", "template": {"name",
 * "language": {"code"}, "components": [{"type": "header", "parameters": [{"type": "image", "image":
 * {"link"}}]}, {"type": "body", "parameters": [{"type": "text", "text"}…]}]}}}. The template's
 * {@code data} gives {@code template_name}, {@code language} (default {@code en_US}), {@code
 * param1}, {@code param2} … in order, and an optional {@code header_image_url}. {@code to} is the
 * phone number without its {@code +}. The provider id is {@code messages[0].id} (a {@code wamid});
 * the Cloud API takes no idempotency key.
 */
public final class WhatsAppTemplateChannel implements Channel {
  public static final URI API = URI.create("https://graph.facebook.com");
  public static final String API_VERSION = "v21.0";

  /**
   * {@code accessToken} and {@code appSecret} (which signs status webhooks) are secrets; {@code
   * verifyToken} answers the webhook subscription handshake.
   */
  public record Settings(
      URI baseUrl,
      String apiVersion,
      String phoneNumberId,
      String accessToken,
      String appSecret,
      String verifyToken)
      implements ChannelSettings {
    @Override
    public String provider() {
      return "whatsapp";
    }
  }

  private final Settings settings;
  private final ProviderHttp http;

  WhatsAppTemplateChannel(Settings settings, ProviderHttp http) {
    this.settings = settings;
    this.http = http;
  }

  @Override
  public String name() {
    return "whatsapp";
  }

  @Override
  public Handoff deliver(OutboundMessage m) {
    Map<String, String> parts = m.content().data() == null ? Map.of() : m.content().data();
    if (parts.get("template_name") == null) {
      return new Handoff.Failed(false, "the template's data has no template_name");
    }
    URI uri =
        URI.create(
            ProviderHttp.base(settings.baseUrl())
                + "/"
                + settings.apiVersion()
                + "/"
                + ProviderHttp.encode(settings.phoneNumberId())
                + "/messages");
    return http.send(
        http.to(uri)
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + settings.accessToken())
            .POST(HttpRequest.BodyPublishers.ofString(http.write(body(m.address(), parts))))
            .build(),
        answer -> ProviderHttp.text(answer.path("messages").path(0).get("id")).orElse(null));
  }

  static Map<String, Object> body(String phone, Map<String, String> parts) {
    List<Map<String, Object>> components = new ArrayList<>();
    if (parts.get("header_image_url") != null) {
      components.add(
          Map.of(
              "type",
              "header",
              "parameters",
              List.of(
                  Map.of(
                      "type", "image", "image", Map.of("link", parts.get("header_image_url"))))));
    }
    List<Map<String, String>> parameters = new ArrayList<>();
    for (int i = 1; parts.containsKey("param" + i); i++) {
      parameters.add(Map.of("type", "text", "text", parts.get("param" + i)));
    }
    if (!parameters.isEmpty()) {
      components.add(Map.of("type", "body", "parameters", parameters));
    }
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("name", parts.get("template_name"));
    template.put("language", Map.of("code", parts.getOrDefault("language", "en_US")));
    template.put("components", components);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("messaging_product", "whatsapp");
    body.put("recipient_type", "individual");
    body.put("to", phone.startsWith("+") ? phone.substring(1) : phone);
    body.put("type", "template");
    body.put("template", template);
    return body;
  }
}
