package dev.kairos.intelligence.recommend.io;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parses the timestamps of transaction files to epoch seconds: {@code YYYY-MM-DD HH:MM:SS}, {@code
 * YYYY-MM-DDTHH:MM:SS} (both read as UTC), ISO-8601 instants with an offset or Z, and plain dates
 * {@code YYYY-MM-DD} (midnight UTC). Remembers the last text parsed, since consecutive lines of one
 * order share it.
 */
final class Timestamps {
  private String lastText;
  private long lastSeconds;

  long epochSecond(String text) {
    if (text.equals(lastText)) {
      return lastSeconds;
    }
    long seconds = parse(text.trim());
    lastText = text;
    lastSeconds = seconds;
    return seconds;
  }

  /**
   * @throws IllegalArgumentException when the text is none of the accepted forms
   */
  static long parse(String text) {
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
      }
      if (text.length() == 19) {
        return LocalDateTime.parse(text.replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);
      }
      return Instant.parse(text).getEpochSecond();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "timestamp '" + text + "' is not YYYY-MM-DD HH:MM:SS, an ISO-8601 instant or a date");
    }
  }
}
