package dev.kairos.segment;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Segment keys: stable slugs such as {@code abandoned_cart}, generated from a name when absent. */
public final class SegmentKeys {
  public static final int MAX_LENGTH = 64;
  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  private SegmentKeys() {}

  public static boolean valid(String key) {
    return key != null && VALID.matcher(key).matches();
  }

  /**
   * The slug of a name: accents dropped, lower case, every run of other characters one {@code _};
   * empty when the name has no letter or digit.
   */
  public static String slug(String name) {
    String plain =
        Normalizer.normalize(name, Normalizer.Form.NFKD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "_")
            .replaceAll("^_+|_+$", "");
    return plain.length() > MAX_LENGTH
        ? plain.substring(0, MAX_LENGTH).replaceAll("_+$", "")
        : plain;
  }
}
