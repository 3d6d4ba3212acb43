package dev.kairos.segment.condition;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The dates the condition language reads, in values and in traits: an ISO date ({@code 2026-05-01},
 * read as midnight UTC) or an ISO date-time with seconds and an offset ({@code
 * 2026-05-01T09:30:00Z}, {@code 2026-05-01T09:30:00.250+02:00}). Anything else is not a date. The
 * SQL evaluator reads traits with the same patterns (migration V40), so both agree on what a date
 * is.
 */
public final class DateText {
  public static final String DATE_PATTERN = "^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}$";
  public static final String INSTANT_PATTERN =
      "^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,6})?"
          + "(Z|[+-]([01][0-9]|1[0-4]):[0-5][0-9])$";
  private static final Pattern DATE = Pattern.compile(DATE_PATTERN);
  private static final Pattern INSTANT = Pattern.compile(INSTANT_PATTERN);

  private DateText() {}

  public static Optional<Instant> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      if (DATE.matcher(text).matches()) {
        return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
      }
      if (INSTANT.matcher(text).matches()) {
        return Optional.of(OffsetDateTime.parse(text).toInstant());
      }
    } catch (DateTimeException e) {
      return Optional.empty(); // 2026-02-30: the right shape, not a date
    }
    return Optional.empty();
  }

  /** The calendar date an ISO date names; empty for anything else. */
  public static Optional<LocalDate> parseDate(String text) {
    if (text == null || !DATE.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(text));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
