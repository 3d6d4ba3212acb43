package dev.kairos.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class QuietHoursProperties {
  static final List<String> ZONES =
      List.of("Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "UTC");

  @Provide
  Arbitrary<Instant> instants() {
    // 2026 and 2027, every DST change of these zones included
    return Arbitraries.longs().between(1_767_225_600L, 1_830_297_600L).map(Instant::ofEpochSecond);
  }

  @Provide
  Arbitrary<String> zones() {
    return Arbitraries.of(ZONES);
  }

  @Provide
  Arbitrary<QuietHours> windows() {
    Arbitrary<LocalTime> times =
        Arbitraries.integers().between(0, 47).map(h -> LocalTime.of(h / 2, (h % 2) * 30));
    return net.jqwik.api.Combinators.combine(times, times)
        .filter((a, b) -> !a.equals(b))
        .as(QuietHours::new);
  }

  @Property(tries = 2000)
  void a_deferred_message_goes_after_now_outside_the_window_within_a_day(
      @ForAll("instants") Instant now,
      @ForAll("zones") String zone,
      @ForAll("windows") QuietHours quiet) {
    ZoneId id = ZoneId.of(zone);
    Optional<Instant> end = quiet.endIfInside(now, id);
    if (end.isPresent()) {
      assertThat(end.get()).isAfter(now);
      assertThat(end.get()).isBeforeOrEqualTo(now.plusSeconds(26 * 3600));
      assertThat(quiet.endIfInside(end.get(), id)).isEmpty();
    }
  }
}
