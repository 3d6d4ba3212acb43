package dev.kairos.channel;

import java.time.Instant;

/**
 * What a provider reported about a message it accepted, found by the id it gave ({@code
 * providerId}): {@code delivered} (to the handset or app), {@code read}, or {@code undelivered}
 * with the provider's reason.
 */
public record DeliveryReceipt(
    String channel, String providerId, Outcome outcome, String error, Instant at) {
  public enum Outcome {
    DELIVERED,
    READ,
    UNDELIVERED
  }

  /** The event recorded on the profile: {@code SMS Delivered}, {@code WhatsApp Read} … */
  public String eventName() {
    String prefix =
        switch (channel) {
          case "sms" -> "SMS";
          case "whatsapp" -> "WhatsApp";
          case "wechat" -> "WeChat";
          case "push" -> "Push";
          default -> channel;
        };
    return switch (outcome) {
      case DELIVERED -> prefix + " Delivered";
      case READ -> prefix + " Read";
      case UNDELIVERED -> prefix + " Undelivered";
    };
  }
}
