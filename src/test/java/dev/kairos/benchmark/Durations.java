package dev.kairos.benchmark;

import java.util.Arrays;

/** Durations in nanoseconds, as many as are added, and their percentiles. */
final class Durations {
  private long[] values = new long[1_024];
  private int count;
  private boolean sorted = true;

  void add(long nanos) {
    if (count == values.length) {
      values = Arrays.copyOf(values, count * 2);
    }
    values[count++] = nanos;
    sorted = false;
  }

  void addAll(Durations other) {
    for (int i = 0; i < other.count; i++) {
      add(other.values[i]);
    }
  }

  int count() {
    return count;
  }

  /** The {@code p}-th percentile (nearest rank; 100 is the maximum) in ms, NaN if none. */
  double percentileMillis(double p) {
    if (count == 0) {
      return Double.NaN;
    }
    if (!sorted) {
      Arrays.sort(values, 0, count);
      sorted = true;
    }
    int index = (int) Math.ceil(p / 100.0 * count) - 1;
    return values[Math.max(0, Math.min(count - 1, index))] / 1e6;
  }

  /** p50 / p95 / p99 / max in ms, as a report shows them. */
  String summary() {
    return String.format(
        "%.1f / %.1f / %.1f / %.1f ms",
        percentileMillis(50), percentileMillis(95), percentileMillis(99), percentileMillis(100));
  }
}
