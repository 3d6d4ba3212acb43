package dev.kairos.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WaitTimesTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void ten_oclock_local_is_the_same_wall_time_on_both_sides_of_a_dst_change() {
    // Saturday 2026-03-28 12:00 UTC; clocks go forward on Sunday 29 March in Berlin
    Instant saturday = Instant.parse("2026-03-28T12:00:00Z");
    Instant next = WaitTimes.nextTimeOfDay(saturday, BERLIN, LocalTime.of(10, 0), Set.of());
    assertThat(next).isEqualTo(Instant.parse("2026-03-29T08:00:00Z")); // 10:00 CEST
    Instant before =
        WaitTimes.nextTimeOfDay(
            Instant.parse("2026-03-27T12:00:00Z"), BERLIN, LocalTime.of(10, 0), Set.of());
    assertThat(before).isEqualTo(Instant.parse("2026-03-28T09:00:00Z")); // 10:00 CET
  }

  @Test
  void a_local_time_skipped_by_dst_moves_forward_by_the_gap() {
    Instant next =
        WaitTimes.nextTimeOfDay(
            Instant.parse("2026-03-28T12:00:00Z"), BERLIN, LocalTime.of(2, 30), Set.of());
    assertThat(next).isEqualTo(Instant.parse("2026-03-29T01:30:00Z")); // 03:30 CEST
  }

  @Test
  void weekdays_limit_the_days() {
    Instant friday = Instant.parse("2026-03-27T12:00:00Z");
    Instant next =
        WaitTimes.nextTimeOfDay(friday, BERLIN, LocalTime.of(9, 0), Set.of(DayOfWeek.MONDAY));
    assertThat(next).isEqualTo(Instant.parse("2026-03-30T07:00:00Z"));
  }

  @Test
  void the_next_anniversary_is_this_years_until_its_time_has_passed() {
    LocalDate birthday = LocalDate.of(1990, 5, 10);
    Instant now = Instant.parse("2026-05-07T06:00:00Z");
    assertThat(WaitTimes.nextAnniversary(now, BERLIN, birthday, -3, LocalTime.of(9, 0)))
        .isEqualTo(Instant.parse("2026-05-07T07:00:00Z"));
    assertThat(
            WaitTimes.nextAnniversary(
                now.plusSeconds(7200), BERLIN, birthday, -3, LocalTime.of(9, 0)))
        .isEqualTo(Instant.parse("2027-05-07T07:00:00Z"));
  }
}
