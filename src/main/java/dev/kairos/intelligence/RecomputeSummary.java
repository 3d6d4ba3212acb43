package dev.kairos.intelligence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one recompute did.
 *
 * @param kind {@code full} or {@code incremental}
 * @param asOf the {@code now} the recompute scored against (the analysis date)
 * @param startedAt when the recompute started, by the clock (incremental passes look for changes
 *     from there)
 * @param changedSince for an incremental pass, where it started looking for changes
 * @param profiles how many profiles were scored
 * @param stageChanges how many {@code Lifecycle Stage Changed} events were recorded
 * @param durationMillis how long it took
 * @param readMillis how much of it went into reading the history
 */
public record RecomputeSummary(
    Kind kind,
    Instant asOf,
    Instant startedAt,
    Optional<Instant> changedSince,
    int profiles,
    int stageChanges,
    long durationMillis,
    long readMillis,
    List<StepOutcome> steps) {

  public enum Kind {
    FULL,
    INCREMENTAL;

    public String value() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public RecomputeSummary {
    steps = List.copyOf(steps);
  }
}
