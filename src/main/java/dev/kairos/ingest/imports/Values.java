package dev.kairos.ingest.imports;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reading the values of CSV cells: numbers, dates, identifiers; and content hashes. */
final class Values {
  private static final Pattern SPREADSHEET_INTEGER = Pattern.compile("-?\\d+\\.0+");
  private static final List<DateTimeFormatter> LOCAL_DATE_TIMES =
      List.of(
          DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss][.SSS]", Locale.ROOT),
          DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm[:ss][.SSS]", Locale.ROOT),
          DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm[:ss]", Locale.ROOT),
          DateTimeFormatter.ofPattern("M/d/yyyy H:mm[:ss]", Locale.ROOT));

  private Values() {}

  /** An identifier as written by a spreadsheet that stored it as a float ({@code 17850.0}). */
  static String id(String value) {
    if (value != null && SPREADSHEET_INTEGER.matcher(value).matches()) {
      return value.substring(0, value.indexOf('.'));
    }
    return value;
  }

  static Optional<BigDecimal> decimal(String value) {
    try {
      return Optional.of(new BigDecimal(value.replace("_", "")));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** A whole number, also when written {@code 6.0}. */
  static Optional<Integer> wholeNumber(String value) {
    try {
      BigDecimal number = new BigDecimal(value);
      return Optional.of(number.intValueExact());
    } catch (NumberFormatException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  /**
   * A date or date-time: ISO-8601 with an offset as written, or without one (also {@code yyyy-MM-dd
   * HH:mm:ss}, {@code M/d/yyyy H:mm}, a bare date) in {@code zone}.
   */
  static Optional<Instant> instant(String value, ZoneId zone) {
    try {
      return Optional.of(OffsetDateTime.parse(value).toInstant());
    } catch (DateTimeParseException ignored) {
      // try the local shapes
    }
    for (DateTimeFormatter format : LOCAL_DATE_TIMES) {
      try {
        return Optional.of(LocalDateTime.parse(value, format).atZone(zone).toInstant());
      } catch (DateTimeParseException ignored) {
        // next shape
      }
    }
    try {
      return Optional.of(LocalDate.parse(value).atStartOfDay(zone).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The first 16 hex digits of the SHA-256 of the text. */
  static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An identifier short enough for a messageId: itself, or its hash when long. */
  static String shortId(String id) {
    return id.length() <= 60 && id.chars().allMatch(c -> c > ' ' && c < 127) ? id : hash(id);
  }
}
