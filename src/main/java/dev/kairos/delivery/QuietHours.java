package dev.kairos.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A window of local time in which nothing promotional is sent, e.g. 21:00–08:00 (it may span
 * midnight). A local end time skipped by a DST change is moved forward by the gap.
 */
public record QuietHours(LocalTime start, LocalTime end) {

  /** "21:00-08:00". */
  public static QuietHours parse(String text) {
    String[] parts = text.trim().split("-");
    if (parts.length != 2) {
      throw new IllegalArgumentException("quiet hours are HH:mm-HH:mm, e.g. 21:00-08:00: " + text);
    }
    return new QuietHours(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()));
  }

  /** The end of the window when {@code now} falls inside it, in the person's zone. */
  public Optional<Instant> endIfInside(Instant now, ZoneId zone) {
    ZonedDateTime local = now.atZone(zone);
    LocalTime time = local.toLocalTime();
    LocalDate day = local.toLocalDate();
    boolean spansMidnight = start.isAfter(end);
    boolean inside =
        spansMidnight
            ? !time.isBefore(start) || time.isBefore(end)
            : !time.isBefore(start) && time.isBefore(end);
    if (!inside) {
      return Optional.empty();
    }
    LocalDate endDay = spansMidnight && !time.isBefore(start) ? day.plusDays(1) : day;
    return Optional.of(ZonedDateTime.of(endDay, end, zone).toInstant());
  }
}
