package dev.kairos.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class SendRateProperties {
  /** However the requests are spread in time, no two slots are closer than 1/rate. */
  @Property
  void slots_are_never_closer_than_the_rate_allows(
      @ForAll @IntRange(min = 1, max = 5_000) int perSecond,
      @ForAll @LongRange(min = 0, max = 5_000_000) long gapNanos,
      @ForAll @IntRange(min = 2, max = 200) int requests) {
    AtomicLong now = new AtomicLong(1_000_000_000L);
    SendRate rate = new SendRate(perSecond, now::get);
    long spacing = Math.round(1e9 / perSecond);
    long previous = rate.reserve();
    for (int i = 1; i < requests; i++) {
      now.addAndGet(gapNanos);
      long slot = rate.reserve();
      assertThat(slot - previous).isGreaterThanOrEqualTo(spacing);
      assertThat(slot).isGreaterThanOrEqualTo(now.get());
      previous = slot;
    }
  }
}
