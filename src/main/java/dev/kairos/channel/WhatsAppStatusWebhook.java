package dev.kairos.channel;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * WhatsApp Cloud API webhooks: the subscription handshake ({@code hub.mode=subscribe}, {@code
 * hub.verify_token}, answered with {@code hub.challenge}) and status notifications ({@code
 * entry[].changes[].value.statuses[]} with {@code id} (the wamid), {@code status} ({@code sent},
 * {@code delivered}, {@code read}, {@code failed}), {@code timestamp} and {@code errors}), signed
 * in {@code X-Hub-Signature-256: sha256=} the hex HMAC-SHA256 of the raw body keyed with the app
 * secret.
 */
public final class WhatsAppStatusWebhook {
  private WhatsAppStatusWebhook() {}

  public static boolean signedBy(String appSecret, byte[] body, String header) {
    if (appSecret == null || header == null || !header.startsWith("sha256=")) {
      return false;
    }
    byte[] expected = WebhookChannel.hmac(appSecret, new String(body, StandardCharsets.UTF_8));
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.substring("sha256=".length()));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(expected, given);
  }

  /** The receipts of a notification (none for statuses other than delivered, read, failed). */
  public static List<DeliveryReceipt> receipts(JsonNode notification, Instant received) {
    List<DeliveryReceipt> receipts = new ArrayList<>();
    for (JsonNode entry : notification.path("entry")) {
      for (JsonNode change : entry.path("changes")) {
        for (JsonNode status : change.path("value").path("statuses")) {
          String id = status.path("id").asText("");
          Instant at =
              status.has("timestamp")
                  ? Instant.ofEpochSecond(status.path("timestamp").asLong())
                  : received;
          DeliveryReceipt.Outcome outcome =
              switch (status.path("status").asText("")) {
                case "delivered" -> DeliveryReceipt.Outcome.DELIVERED;
                case "read" -> DeliveryReceipt.Outcome.READ;
                case "failed" -> DeliveryReceipt.Outcome.UNDELIVERED;
                default -> null;
              };
          if (!id.isEmpty() && outcome != null) {
            JsonNode error = status.path("errors").path(0);
            receipts.add(
                new DeliveryReceipt(
                    "whatsapp",
                    id,
                    outcome,
                    error.isMissingNode()
                        ? null
                        : error.path("code").asText() + " " + error.path("title").asText(),
                    at));
          }
        }
      }
    }
    return receipts;
  }
}
