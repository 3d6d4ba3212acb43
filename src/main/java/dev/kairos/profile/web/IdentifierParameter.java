package dev.kairos.profile.web;

import dev.kairos.identity.Identifier;
import dev.kairos.identity.IdentifierNormaliser;
import dev.kairos.platform.http.HttpProblem;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads an identifier written {@code kind:value} in a path or query parameter, refusing it with a
 * 400 that says what is wrong: not {@code kind:value}, an unknown kind (listing the known ones), or
 * a value that is not an email address or a possible phone number.
 */
final class IdentifierParameter {
  private static final String SHAPE =
      "identifier must be kind:value, e.g. email:ann@example.com or userId:42";

  private final IdentifierNormaliser normaliser;
  private final Set<String> kinds;

  IdentifierParameter(IdentifierNormaliser normaliser, Set<String> kinds) {
    this.normaliser = normaliser;
    this.kinds = Collections.unmodifiableSortedSet(new TreeSet<>(kinds));
  }

  /** The normalised identifier, or a 400 naming {@code field}. */
  Identifier read(String field, String written) {
    Identifier parsed =
        Identifier.parse(written).orElseThrow(() -> HttpProblem.badRequest(field, SHAPE));
    if (!kinds.contains(parsed.kind())) {
      throw HttpProblem.badRequest(
          field,
          "unknown identifier kind '"
              + parsed.kind()
              + "'; known kinds: "
              + String.join(", ", kinds));
    }
    return normaliser
        .normalise(parsed.kind(), parsed.value())
        .orElseThrow(() -> HttpProblem.badRequest(field, wrongValue(parsed)));
  }

  private static String wrongValue(Identifier parsed) {
    String value = parsed.value().trim();
    if (value.isEmpty() || value.length() > 255) {
      return "the value of " + parsed.kind() + " must be 1 to 255 characters";
    }
    return switch (parsed.kind()) {
      case Identifier.EMAIL ->
          "'" + value + "' is not an email address: it needs one @ with text on both sides";
      case Identifier.PHONE ->
          "'"
              + value
              + "' is not a possible phone number: write it with its country code (e.g."
              + " +447700900123), or set KAIROS_DEFAULT_COUNTRY to read national numbers";
      default -> "'" + value + "' is not a valid " + parsed.kind();
    };
  }
}
