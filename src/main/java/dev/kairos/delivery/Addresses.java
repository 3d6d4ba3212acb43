package dev.kairos.delivery;

import dev.kairos.identity.Identifier;
import java.util.Map;
import java.util.Optional;

/**
 * Where each channel reaches a person: the identifier kind (and the trait of the same name) that
 * holds their address. SMS and WhatsApp use the phone number, push the device's {@code push_token}
 * (a trait, or an identifier kind read from {@code context.device.token} when configured), WeChat
 * the {@code wechat_openid}. Webhooks need no address of the person's.
 */
public final class Addresses {
  private static final Map<String, String> KINDS =
      Map.of(
          "email", Identifier.EMAIL,
          "sms", Identifier.PHONE,
          "whatsapp", Identifier.PHONE,
          "push", "push_token",
          "wechat", "wechat_openid");

  private static final Map<String, String> NAMES =
      Map.of(
          "email", "email address",
          "sms", "phone number",
          "whatsapp", "phone number",
          "push", "push token",
          "wechat", "WeChat openid");

  private Addresses() {}

  /** The identifier kind (and trait) of the channel's address; empty for webhooks. */
  public static Optional<String> kind(String channel) {
    return Optional.ofNullable(KINDS.get(channel));
  }

  /** What is missing when a person has no address on the channel ("no phone number"). */
  public static String missing(String channel) {
    return "no " + NAMES.getOrDefault(channel, "address for " + channel);
  }
}
