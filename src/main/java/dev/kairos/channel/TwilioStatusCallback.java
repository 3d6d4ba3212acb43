package dev.kairos.channel;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's status callback: a form post of {@code MessageSid}, {@code MessageStatus} ({@code
 * queued}, {@code sent}, {@code delivered}, {@code undelivered}, {@code failed}) and {@code
 * ErrorCode}, signed in {@code X-Twilio-Signature}: the Base64 HMAC-SHA1, keyed with the auth
 * token, of the callback URL followed by every parameter's name and value, sorted by name.
 */
public final class TwilioStatusCallback {
  private TwilioStatusCallback() {}

  /** True when the signature is Twilio's for this URL and these parameters. */
  public static boolean signedBy(
      String authToken, String url, Map<String, List<String>> params, String signature) {
    if (signature == null || authToken == null) {
      return false;
    }
    StringBuilder text = new StringBuilder(url);
    new TreeMap<>(params)
        .forEach((name, values) -> values.forEach(v -> text.append(name).append(v)));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      byte[] expected = mac.doFinal(text.toString().getBytes(StandardCharsets.UTF_8));
      return MessageDigest.isEqual(
          Base64.getEncoder().encode(expected), signature.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA1 is part of every JDK", e);
    }
  }

  /** The receipt these parameters report, or empty for an intermediate status (queued, sent). */
  public static Optional<DeliveryReceipt> receipt(Map<String, List<String>> params, Instant at) {
    String sid = first(params, "MessageSid");
    String status = first(params, "MessageStatus");
    if (sid == null || status == null) {
      return Optional.empty();
    }
    return switch (status) {
      case "delivered" ->
          Optional.of(new DeliveryReceipt("sms", sid, DeliveryReceipt.Outcome.DELIVERED, null, at));
      case "read" ->
          Optional.of(new DeliveryReceipt("sms", sid, DeliveryReceipt.Outcome.READ, null, at));
      case "undelivered", "failed" ->
          Optional.of(
              new DeliveryReceipt(
                  "sms",
                  sid,
                  DeliveryReceipt.Outcome.UNDELIVERED,
                  status
                      + (first(params, "ErrorCode") == null
                          ? ""
                          : " (Twilio error " + first(params, "ErrorCode") + ")"),
                  at));
      default -> Optional.empty();
    };
  }

  private static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
