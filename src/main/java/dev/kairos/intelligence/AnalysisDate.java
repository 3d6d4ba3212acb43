package dev.kairos.intelligence;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The "now" a recompute scores against, as an operator writes it ({@code KAIROS_ANALYSIS_AS_OF},
 * {@code POST /api/intelligence/recompute?as_of=}): a day ({@code 2011-12-09}) means the end of
 * that day in the workspace's time zone, so the day's own orders count; a date and time is taken as
 * written ({@code 2011-12-09T12:00:00Z}, with an offset) or in the workspace's zone (without).
 */
public final class AnalysisDate {
  private AnalysisDate() {}

  /**
   * The instant {@code text} names.
   *
   * @throws IllegalArgumentException when it is neither a day nor a date and time
   */
  public static Instant parse(String text, ZoneId workspaceZone) {
    String value = text.trim();
    try {
      if (value.length() == 10) {
        return LocalDate.parse(value).plusDays(1).atStartOfDay(workspaceZone).toInstant();
      }
      if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:?\\d\\d$")) {
        return OffsetDateTime.parse(value.replace(' ', 'T')).toInstant();
      }
      return LocalDateTime.parse(value.replace(' ', 'T')).atZone(workspaceZone).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "must be a day (2011-12-09: the end of that day) or a date and time"
              + " (2011-12-09T12:00:00Z), was: "
              + text);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("is not a valid date: " + text);
    }
  }
}
