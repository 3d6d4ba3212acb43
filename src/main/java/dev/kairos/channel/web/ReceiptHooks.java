package dev.kairos.channel.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kairos.channel.ChannelSettings;
import dev.kairos.channel.DeliveryReceipt;
import dev.kairos.channel.TwilioSmsChannel;
import dev.kairos.channel.TwilioStatusCallback;
import dev.kairos.channel.WhatsAppStatusWebhook;
import dev.kairos.channel.WhatsAppTemplateChannel;
import dev.kairos.channel.store.ChannelRegistry;
import dev.kairos.channel.store.ReceiptLedger;
import dev.kairos.platform.http.HttpProblem;
import dev.kairos.platform.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The public routes providers report delivery to, each verified with the channel's own secret:
 * {@code POST /hooks/twilio} (Twilio's status callback, {@code X-Twilio-Signature}), {@code GET
 * /hooks/whatsapp} (the subscription handshake) and {@code POST /hooks/whatsapp} (status
 * notifications, {@code X-Hub-Signature-256}). A request that fails verification is answered 403
 * and changes nothing.
 */
public final class ReceiptHooks implements RouteGroup {
  private final ChannelRegistry registry;
  private final ReceiptLedger ledger;
  private final Supplier<String> publicUrl;
  private final ObjectMapper json;
  private final Clock clock;

  public ReceiptHooks(
      ChannelRegistry registry,
      ReceiptLedger ledger,
      Supplier<String> publicUrl,
      ObjectMapper json,
      Clock clock) {
    this.registry = registry;
    this.ledger = ledger;
    this.publicUrl = publicUrl;
    this.json = json;
    this.clock = clock;
  }

  public record Accepted(int receipts, int applied) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.post("/hooks/twilio", this::twilio);
    routes.get("/hooks/whatsapp", this::whatsAppHandshake);
    routes.post("/hooks/whatsapp", this::whatsApp);
  }

  private void twilio(Context ctx) {
    TwilioSmsChannel.Settings settings =
        settings("sms", TwilioSmsChannel.Settings.class)
            .orElseThrow(() -> forbidden("sms is not configured with twilio"));
    String url =
        settings.statusCallback() != null
            ? settings.statusCallback().toString()
            : trimmed(publicUrl.get()) + "/hooks/twilio";
    Map<String, List<String>> params = ctx.formParamMap();
    if (!TwilioStatusCallback.signedBy(
        settings.authToken(), url, params, ctx.header("X-Twilio-Signature"))) {
      throw forbidden("X-Twilio-Signature does not match " + url);
    }
    Optional<DeliveryReceipt> receipt = TwilioStatusCallback.receipt(params, clock.instant());
    boolean applied = receipt.map(ledger::apply).orElse(false);
    ctx.json(new Accepted(receipt.isPresent() ? 1 : 0, applied ? 1 : 0));
  }

  private void whatsAppHandshake(Context ctx) {
    WhatsAppTemplateChannel.Settings settings =
        settings("whatsapp", WhatsAppTemplateChannel.Settings.class)
            .orElseThrow(() -> forbidden("whatsapp is not configured"));
    String token = ctx.queryParam("hub.verify_token");
    if (!"subscribe".equals(ctx.queryParam("hub.mode"))
        || settings.verifyToken() == null
        || !settings.verifyToken().equals(token)) {
      throw forbidden("hub.verify_token does not match the channel's verify_token");
    }
    ctx.contentType("text/plain").result(String.valueOf(ctx.queryParam("hub.challenge")));
  }

  private void whatsApp(Context ctx) {
    WhatsAppTemplateChannel.Settings settings =
        settings("whatsapp", WhatsAppTemplateChannel.Settings.class)
            .orElseThrow(() -> forbidden("whatsapp is not configured"));
    byte[] body = ctx.bodyAsBytes();
    if (!WhatsAppStatusWebhook.signedBy(
        settings.appSecret(), body, ctx.header("X-Hub-Signature-256"))) {
      throw forbidden("X-Hub-Signature-256 does not match the body signed with app_secret");
    }
    JsonNode notification;
    try {
      notification = json.readTree(body);
    } catch (IOException e) {
      throw HttpProblem.badRequest("body", "the body is not JSON");
    }
    List<DeliveryReceipt> receipts = WhatsAppStatusWebhook.receipts(notification, clock.instant());
    int applied = (int) receipts.stream().filter(ledger::apply).count();
    ctx.json(new Accepted(receipts.size(), applied));
  }

  private <T extends ChannelSettings> Optional<T> settings(String channel, Class<T> type) {
    return registry.settings(channel).filter(type::isInstance).map(type::cast);
  }

  private static HttpProblem forbidden(String message) {
    return new HttpProblem(403, "forbidden", message, null, null);
  }

  private static String trimmed(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
