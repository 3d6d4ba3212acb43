package dev.kairos.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever the schedule, zone and moment: the occurrence due for a person is one of the broadcast's
 * occurrences, its moment has passed for them and is at most a day old, no later occurrence has
 * passed for them, and it is among the occurrences the trigger scans ({@code open}), so nobody due
 * is missed.
 */
class BroadcastScheduleProperties {
  static final List<ZoneId> ZONES =
      List.of(
          ZoneId.of("Pacific/Kiritimati"),
          ZoneId.of("Asia/Tokyo"),
          ZoneId.of("Europe/Berlin"),
          ZoneOffset.UTC,
          ZoneId.of("America/New_York"),
          ZoneId.of("Pacific/Pago_Pago"));

  @Property(tries = 500)
  void the_due_occurrence_has_passed_for_the_person_is_the_newest_and_is_scanned(
      @ForAll @IntRange(min = 0, max = 400) int startDay,
      @ForAll @IntRange(min = 0, max = 23) int hour,
      @ForAll @IntRange(min = 0, max = 3) int period,
      @ForAll @IntRange(min = 0, max = 5) int zone,
      @ForAll @IntRange(min = -2 * 24 * 60, max = 60 * 24 * 60) int minutesAfter,
      @ForAll boolean local) {
    LocalDateTime at = LocalDateTime.of(2026, 1, 1, hour, 0).plusDays(startDay);
    Optional<Period> every =
        switch (period) {
          case 0 -> Optional.empty();
          case 1 -> Optional.of(Period.ofDays(1));
          case 2 -> Optional.of(Period.ofWeeks(1));
          default -> Optional.of(Period.ofMonths(1));
        };
    Trigger.Broadcast b = new Trigger.Broadcast("gold", at, local, every);
    ZoneId person = ZONES.get(zone);
    Instant now = at.toInstant(ZoneOffset.UTC).plusSeconds(60L * minutesAfter);
    ZoneId where = local ? person : ZoneOffset.UTC;

    Optional<LocalDateTime> due = BroadcastSchedule.dueFor(b, person, now);
    if (due.isEmpty()) {
      return;
    }
    LocalDateTime o = due.get();
    Instant moment = o.atZone(where).toInstant();
    assertThat(moment).isBeforeOrEqualTo(now);
    assertThat(moment).isAfterOrEqualTo(now.minus(BroadcastSchedule.LATE_LIMIT));
    assertThat(isOccurrence(b, o)).as("%s is an occurrence of %s", o, b).isTrue();
    every.ifPresent(p -> assertThat(next(b, o).atZone(where).toInstant()).isAfter(now));
    assertThat(BroadcastSchedule.open(b, now)).contains(o);
  }

  static boolean isOccurrence(Trigger.Broadcast b, LocalDateTime o) {
    for (LocalDateTime x = b.at(); !x.isAfter(o); x = next(b, x)) {
      if (x.equals(o)) {
        return true;
      }
      if (b.every().isEmpty()) {
        return false;
      }
    }
    return false;
  }

  /** The occurrence after {@code o}, counted from {@code at} as the schedule counts. */
  static LocalDateTime next(Trigger.Broadcast b, LocalDateTime o) {
    Period p = b.every().orElseThrow();
    long n = 0;
    while (!nth(b, p, n).isAfter(o)) {
      n++;
    }
    return nth(b, p, n);
  }

  static LocalDateTime nth(Trigger.Broadcast b, Period p, long n) {
    return b.at().plusMonths(p.toTotalMonths() * n).plusDays((long) p.getDays() * n);
  }
}
