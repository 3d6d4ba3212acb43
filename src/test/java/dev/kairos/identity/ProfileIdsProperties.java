package dev.kairos.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ProfileIdsProperties {
  /**
   * Each step moves the clock by the given number of milliseconds (negative: it steps back) and
   * then draws that many ids in the same millisecond, up to 6,000 (more than the 12-bit counter).
   */
  @Property(tries = 200)
  void ids_from_one_generator_always_increase(
      @ForAll @Size(min = 1, max = 20) List<@IntRange(min = -5, max = 5) Integer> clockSteps,
      @ForAll @IntRange(min = 1, max = 6000) int idsPerStep) {
    SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    ProfileIds ids = new ProfileIds(clock);
    UUID previous = null;
    for (int step : clockSteps) {
      clock.advance(Duration.ofMillis(step));
      for (int i = 0; i < idsPerStep; i++) {
        UUID id = ids.next();
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        if (previous != null) {
          assertThat(ProfileIds.older(previous, id)).as("%s before %s", previous, id).isTrue();
        }
        previous = id;
      }
    }
  }

  @Property(tries = 50)
  void an_id_carries_the_millisecond_it_was_made_in_when_the_clock_moves_on(
      @ForAll @IntRange(min = 1, max = 1000) int millis) {
    SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    ProfileIds ids = new ProfileIds(clock);
    ids.next();
    clock.advance(Duration.ofMillis(millis));
    UUID id = ids.next();
    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(clock.millis());
  }
}
