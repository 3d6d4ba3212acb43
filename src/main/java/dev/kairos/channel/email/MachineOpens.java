package dev.kairos.channel.email;

import java.util.Locale;
import java.util.Optional;

/**
 * Which opens and clicks a machine made rather than a person: Apple Mail Privacy Protection fetches
 * every image of every message through its proxy (user agent exactly {@code Mozilla/5.0}), and mail
 * security scanners fetch images and follow links before anyone reads the message. Image proxies
 * that fetch when a person opens (Gmail's, Yahoo's) are named but count as the person.
 */
public final class MachineOpens {
  private MachineOpens() {}

  /** What is known of the fetcher. */
  public record Fetcher(boolean machine, Optional<String> proxy) {}

  private static final String[][] SCANNERS = {
    {"barracuda", "barracuda"},
    {"mimecast", "mimecast"},
    {"proofpoint", "proofpoint"},
    {"symantec", "symantec"},
    {"forcepoint", "forcepoint"},
    {"trendmicro", "trend_micro"},
    {"bingpreview", "bing_preview"},
    {"python-requests", "script"},
    {"curl/", "script"},
    {"wget/", "script"},
  };

  public static Fetcher of(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return new Fetcher(true, Optional.of("unknown"));
    }
    String ua = userAgent.trim();
    if (ua.equals("Mozilla/5.0")) {
      return new Fetcher(true, Optional.of("apple_mail_privacy_protection"));
    }
    String lower = ua.toLowerCase(Locale.ROOT);
    for (String[] scanner : SCANNERS) {
      if (lower.contains(scanner[0])) {
        return new Fetcher(true, Optional.of(scanner[1]));
      }
    }
    if (lower.contains("googleimageproxy")) {
      return new Fetcher(false, Optional.of("gmail_image_proxy"));
    }
    if (lower.contains("yahoomailproxy")) {
      return new Fetcher(false, Optional.of("yahoo_mail_proxy"));
    }
    return new Fetcher(false, Optional.empty());
  }
}
