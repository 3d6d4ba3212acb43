package dev.kairos.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Locale;
import java.util.Optional;

/**
 * Normalises identifier values so that the same person is recognised however a value was typed:
 * emails trimmed and lower-cased, phones in E.164 (numbers without a country code are read in the
 * shop's default country, when one is configured), other kinds trimmed.
 */
public final class IdentifierNormaliser {
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private final String defaultCountry;

  /**
   * @param defaultCountry ISO 3166 alpha-2 code, or null when numbers must carry a country code
   */
  public IdentifierNormaliser(String defaultCountry) {
    this.defaultCountry =
        defaultCountry == null ? "ZZ" : defaultCountry.trim().toUpperCase(Locale.ROOT);
  }

  public Optional<Identifier> normalise(String kind, String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String value = raw.trim();
    if (value.isEmpty() || value.length() > 255) {
      return Optional.empty();
    }
    return switch (kind) {
      case Identifier.EMAIL -> email(value).map(v -> new Identifier(kind, v));
      case Identifier.PHONE -> phone(value).map(v -> new Identifier(kind, v));
      default -> Optional.of(new Identifier(kind, value));
    };
  }

  static Optional<String> email(String value) {
    String email = value.toLowerCase(Locale.ROOT);
    int at = email.indexOf('@');
    if (at <= 0 || at != email.lastIndexOf('@') || at == email.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(email);
  }

  Optional<String> phone(String value) {
    String text = value.startsWith("00") ? "+" + value.substring(2) : value;
    try {
      Phonenumber.PhoneNumber number = PHONES.parse(text, defaultCountry);
      if (!PHONES.isPossibleNumber(number)) {
        return Optional.empty();
      }
      return Optional.of(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }
}
