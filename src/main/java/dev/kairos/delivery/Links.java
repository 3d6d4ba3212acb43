package dev.kairos.delivery;

import dev.kairos.platform.signing.Signer;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The public links of messages, each an opaque signed token under {@code KAIROS_PUBLIC_URL}:
 * unsubscribe ({@code /u/}), preferences ({@code /preferences/}), open pixel ({@code /t/o/}) and
 * click ({@code /t/c/}, which redirects only to the URL signed into it).
 */
public final class Links {
  private static final String UNSUBSCRIBE = "unsubscribe";
  private static final String PREFERENCES = "preferences";
  private static final String OPEN = "open";
  private static final String CLICK = "click";

  private final Supplier<String> publicUrl;
  private final Signer signer;

  /** A tracked click: the message and the original URL. */
  public record Click(long messageId, String url) {}

  public Links(String publicUrl, Signer signer) {
    this(() -> publicUrl, signer);
  }

  /** Links under a public URL known only later (a server bound to a random port). */
  public Links(Supplier<String> publicUrl, Signer signer) {
    this.publicUrl = publicUrl;
    this.signer = signer;
  }

  /** {@code KAIROS_PUBLIC_URL}, without a trailing slash. */
  public String publicUrl() {
    String url = publicUrl.get();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  public String unsubscribeUrl(long messageId) {
    return publicUrl() + "/u/" + signer.sign(UNSUBSCRIBE, Long.toString(messageId));
  }

  public String preferencesUrl(UUID profileId) {
    return publicUrl() + "/preferences/" + signer.sign(PREFERENCES, profileId.toString());
  }

  public String openUrl(long messageId) {
    return publicUrl() + "/t/o/" + signer.sign(OPEN, Long.toString(messageId));
  }

  public String clickUrl(long messageId, String url) {
    return publicUrl() + "/t/c/" + signer.sign(CLICK, messageId + " " + url);
  }

  public Optional<Long> unsubscribeMessage(String token) {
    return signer.verify(UNSUBSCRIBE, token).flatMap(Links::number);
  }

  public Optional<UUID> preferencesProfile(String token) {
    return signer
        .verify(PREFERENCES, token)
        .flatMap(
            payload -> {
              try {
                return Optional.of(UUID.fromString(payload));
              } catch (IllegalArgumentException e) {
                return Optional.empty();
              }
            });
  }

  public Optional<Long> openMessage(String token) {
    return signer.verify(OPEN, token).flatMap(Links::number);
  }

  public Optional<Click> click(String token) {
    return signer
        .verify(CLICK, token)
        .flatMap(
            payload -> {
              int space = payload.indexOf(' ');
              return space < 0
                  ? Optional.empty()
                  : number(payload.substring(0, space))
                      .map(id -> new Click(id, payload.substring(space + 1)));
            });
  }

  private static Optional<Long> number(String text) {
    try {
      return Optional.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
