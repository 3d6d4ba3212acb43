package dev.kairos.platform.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs the tokens of public links (unsubscribe, preferences, open and click tracking): {@code
 * base64url(payload) "." base64url(HMAC-SHA256(key, purpose NUL payload))}. The purpose is part of
 * what is signed, so a token made for one route is refused by every other. Payloads are readable:
 * they hold ids, never an email or a phone.
 */
public final class Signer {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  /** Bytes of the MAC kept in a token: 128 bits. */
  private static final int MAC_BYTES = 16;

  private final SecretKeySpec key;

  public Signer(byte[] key) {
    if (key.length < 32) {
      throw new IllegalArgumentException("a signing key has at least 32 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  /** A URL-safe token carrying the payload for this purpose. */
  public String sign(String purpose, String payload) {
    byte[] data = payload.getBytes(StandardCharsets.UTF_8);
    return ENCODER.encodeToString(data) + "." + ENCODER.encodeToString(mac(purpose, data));
  }

  /** The payload of a token signed for this purpose, or empty when it is forged or another's. */
  public Optional<String> verify(String purpose, String token) {
    if (token == null) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot < 0 || dot != token.lastIndexOf('.')) {
      return Optional.empty();
    }
    byte[] data;
    byte[] given;
    try {
      data = DECODER.decode(token.substring(0, dot));
      given = DECODER.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(mac(purpose, data), given)
        || !token.equals(ENCODER.encodeToString(data) + "." + ENCODER.encodeToString(given))) {
      return Optional.empty(); // forged, or one of the other spellings base64 tolerates
    }
    return Optional.of(new String(data, StandardCharsets.UTF_8));
  }

  private byte[] mac(String purpose, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(purpose.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return Arrays.copyOf(mac.doFinal(data), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
