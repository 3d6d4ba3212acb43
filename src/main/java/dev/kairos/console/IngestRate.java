package dev.kairos.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalDouble;
import java.util.function.DoubleSupplier;

/**
 * Events stored per second on this node, from a running count sampled when someone looks: the rate
 * over the last minute of samples (at least {@code minimumSpan} apart from the newest).
 */
public final class IngestRate {
  private static final Duration KEEP = Duration.ofMinutes(1);

  private final DoubleSupplier stored;
  private final Clock clock;
  private final Duration minimumSpan;
  private final Deque<Sample> samples = new ArrayDeque<>();

  private record Sample(Instant at, double count) {}

  public IngestRate(DoubleSupplier stored, Clock clock, Duration minimumSpan) {
    this.stored = stored;
    this.clock = clock;
    this.minimumSpan = minimumSpan;
  }

  /** Takes a sample; the rate since the oldest kept one, empty until two are far enough apart. */
  public synchronized OptionalDouble perSecond() {
    Sample now = new Sample(clock.instant(), stored.getAsDouble());
    while (samples.size() > 1 && samples.peekFirst().at().plus(KEEP).isBefore(now.at())) {
      samples.removeFirst();
    }
    samples.addLast(now);
    Sample oldest = samples.peekFirst();
    Duration span = Duration.between(oldest.at(), now.at());
    if (span.compareTo(minimumSpan) < 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of((now.count() - oldest.count()) * 1000.0 / span.toMillis());
  }
}
