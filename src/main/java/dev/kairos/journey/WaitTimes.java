package dev.kairos.journey;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * Times of day and dates in a person's time zone as instants. Across a DST change a local time that
 * does not exist moves forward by the gap; one that exists twice is its earlier instant.
 */
public final class WaitTimes {
  private WaitTimes() {}

  /** The first {@code time} on one of {@code weekdays} (any day when empty) strictly after now. */
  public static Instant nextTimeOfDay(
      Instant now, ZoneId zone, LocalTime time, Set<DayOfWeek> weekdays) {
    LocalDate day = now.atZone(zone).toLocalDate();
    for (int i = 0; i < 8; i++) {
      LocalDate candidate = day.plusDays(i);
      Instant at = ZonedDateTime.of(candidate, time, zone).toInstant();
      if (at.isAfter(now) && (weekdays.isEmpty() || weekdays.contains(candidate.getDayOfWeek()))) {
        return at;
      }
    }
    throw new IllegalStateException("no day in a week matches " + weekdays);
  }

  /**
   * The next anniversary of {@code date} shifted by {@code daysOffset}, at {@code time}, not before
   * now (today's, when its time has not passed).
   */
  public static Instant nextAnniversary(
      Instant now, ZoneId zone, LocalDate date, int daysOffset, LocalTime time) {
    LocalDate today = now.atZone(zone).toLocalDate();
    MonthDay monthDay = MonthDay.from(date);
    for (int year = today.getYear() - 1; year <= today.getYear() + 1; year++) {
      LocalDate target = monthDay.atYear(year).plusDays(daysOffset);
      Instant at = ZonedDateTime.of(target, time, zone).toInstant();
      if (!at.isBefore(now)) {
        return at;
      }
    }
    throw new IllegalStateException("no anniversary of " + date);
  }
}
