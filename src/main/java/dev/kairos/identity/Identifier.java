package dev.kairos.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One identifier of a person: a kind ({@code userId}, {@code anonymousId}, {@code email}, {@code
 * phone}, or a configured kind such as {@code wechat_openid}) and its normalised value.
 */
public record Identifier(String kind, String value) {
  public static final String USER_ID = "userId";
  public static final String ANONYMOUS_ID = "anonymousId";
  public static final String EMAIL = "email";
  public static final String PHONE = "phone";

  /** Parses {@code kind:value} as written in the API ({@code email:ann@example.com}). */
  public static java.util.Optional<Identifier> parse(String text) {
    if (text == null) {
      return java.util.Optional.empty();
    }
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new Identifier(text.substring(0, colon), text.substring(colon + 1)));
  }

  /** The SHA-256 of the value, as kept for suppressed identifiers of deleted people. */
  public String valueSha256() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return kind + ":" + value;
  }
}
