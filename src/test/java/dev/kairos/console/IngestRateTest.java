package dev.kairos.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IngestRateTest {
  final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final AtomicLong stored = new AtomicLong();
  final IngestRate rate = new IngestRate(stored::get, clock, Duration.ofSeconds(2));

  @Test
  void the_rate_is_unknown_until_two_samples_are_far_enough_apart() {
    assertThat(rate.perSecond()).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    stored.addAndGet(500);
    assertThat(rate.perSecond()).isEmpty();
    clock.advance(Duration.ofSeconds(4));
    stored.addAndGet(2000);
    assertThat(rate.perSecond().getAsDouble()).isEqualTo(500.0);
  }

  @Test
  void samples_older_than_a_minute_are_forgotten() {
    rate.perSecond();
    clock.advance(Duration.ofSeconds(30));
    stored.addAndGet(30_000);
    rate.perSecond();
    clock.advance(Duration.ofSeconds(40));
    stored.addAndGet(400);
    // the first sample (70 s old) is dropped: the rate is over the last 40 s
    assertThat(rate.perSecond().getAsDouble()).isEqualTo(10.0);
  }
}
