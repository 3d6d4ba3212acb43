package dev.kairos.intelligence;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/** The record of recomputes, and the lock that lets one run at a time across all nodes. */
public interface RecomputeRuns {

  /** Runs {@code work} while no other recompute runs, on any node (waits for the one running). */
  <T> T exclusively(Supplier<T> work);

  /** When the newest recompute of any kind started, by the clock. */
  Optional<Instant> lastRunAt();

  /** Whether a full recompute has ever completed. */
  boolean fullRunDone();

  void record(RecomputeSummary summary);
}
