package dev.kairos.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Lenient ISO-8601 parsing as client libraries write it (offset, Z, or none meaning UTC). */
public final class Timestamps {
  private Timestamps() {}

  public static Instant parse(String text) {
    String value = text.trim();
    Instant utc = parseUtc(value);
    if (utc != null) {
      return utc;
    }
    try {
      return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException ignored) {
      // try the next shape
    }
    try {
      return LocalDateTime.parse(value.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      // try the next shape
    }
    try {
      return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not an ISO-8601 date-time: " + text);
    }
  }

  /**
   * The common shape {@code 2026-11-23T10:15:30Z} or {@code 2026-11-23T10:15:30.123Z} (what client
   * libraries and Kairos itself write) without the general parser; null for any other shape, or for
   * values the general parser would refuse (it then says why).
   */
  static Instant parseUtc(String v) {
    int n = v.length();
    if (n < 20
        || n > 30
        || v.charAt(n - 1) != 'Z'
        || v.charAt(4) != '-'
        || v.charAt(7) != '-'
        || v.charAt(10) != 'T'
        || v.charAt(13) != ':'
        || v.charAt(16) != ':') {
      return null;
    }
    int year = digits(v, 0, 4);
    int month = digits(v, 5, 7);
    int day = digits(v, 8, 10);
    int hour = digits(v, 11, 13);
    int minute = digits(v, 14, 16);
    int second = digits(v, 17, 19);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return null;
    }
    int nano = 0;
    if (n > 20) {
      int fraction = n - 21; // digits between '.' and 'Z'
      if (v.charAt(19) != '.' || fraction < 1 || fraction > 9) {
        return null;
      }
      int value = digits(v, 20, n - 1);
      if (value < 0) {
        return null;
      }
      nano = value;
      for (int i = fraction; i < 9; i++) {
        nano *= 10;
      }
    }
    if (day > LocalDate.of(year, month, 1).lengthOfMonth()) {
      return null;
    }
    long days = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nano);
  }

  /** The decimal number in {@code v[from, to)}, or -1 when a character is not a digit. */
  private static int digits(String v, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /**
   * The instant as {@link Instant#toString()} writes it, for instants in years 1970–9999, without
   * the general formatter; the last instant formatted on the thread is remembered, as the events of
   * a batch share their {@code receivedAt} and often their {@code sentAt}.
   */
  public static String format(Instant instant) {
    Memo memo = LAST.get();
    if (instant.equals(memo.instant)) {
      return memo.text;
    }
    String text = formatUtc(instant);
    memo.instant = instant;
    memo.text = text;
    return text;
  }

  private static final class Memo {
    Instant instant;
    String text;
  }

  private static final ThreadLocal<Memo> LAST = ThreadLocal.withInitial(Memo::new);

  static String formatUtc(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < 0 || seconds >= 253_402_300_800L) { // outside 1970-01-01 … 9999-12-31
      return instant.toString();
    }
    long days = Math.floorDiv(seconds, 86_400);
    int secondOfDay = (int) Math.floorMod(seconds, 86_400);
    LocalDate date = LocalDate.ofEpochDay(days);
    StringBuilder out = new StringBuilder(30);
    pad(out, date.getYear(), 4).append('-');
    pad(out, date.getMonthValue(), 2).append('-');
    pad(out, date.getDayOfMonth(), 2).append('T');
    pad(out, secondOfDay / 3_600, 2).append(':');
    pad(out, secondOfDay / 60 % 60, 2).append(':');
    pad(out, secondOfDay % 60, 2);
    int nano = instant.getNano();
    if (nano > 0) {
      out.append('.');
      if (nano % 1_000_000 == 0) {
        pad(out, nano / 1_000_000, 3);
      } else if (nano % 1_000 == 0) {
        pad(out, nano / 1_000, 6);
      } else {
        pad(out, nano, 9);
      }
    }
    return out.append('Z').toString();
  }

  private static StringBuilder pad(StringBuilder out, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      out.append('0');
    }
    return out.append(digits);
  }
}
