package dev.kairos.benchmark;

import java.math.BigDecimal;
import java.util.List;

/** The markdown section {@link SegmentBenchmark} writes to docs/benchmarks.md. */
final class SegmentBenchReport {
  private SegmentBenchReport() {}

  static String body(
      List<SegmentBenchmark.Row> rows,
      int profiles,
      long events,
      double loadSeconds,
      double exportSeconds,
      BigDecimal aovCut,
      BigDecimal vipCut,
      int sample,
      int runs,
      String loadAtStart,
      String loadAtEnd) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "`SegmentBenchmark --profiles %d`: %,d profiles, %,d track events over 90 days,"
                + " generated in SQL straight into the tables the ingest path fills (events,"
                + " profile_timeline, profiles, identifiers, the behaviour counters) in %.0f s;"
                + " exported to Parquet for DuckDB in %.0f s. Embedded PostgreSQL as `kairos"
                + " serve` runs it; DuckDB in the same JVM with `threads = 2`. Thresholds:"
                + " `aov_high` average order value ≥ %s, `vip` revenue ≥ %s.%n%n",
            profiles,
            profiles,
            events,
            loadSeconds,
            exportSeconds,
            aovCut.toPlainString(),
            vipCut.toPlainString()));
    out.append(
        String.format(
            "**The machine is shared**: 2 cores with 8 engineers' builds, tests and servers;"
                + " load average (1, 5, 15 min) %s at the start, %s at the end. Times are wall"
                + " times and can be several times a quiet machine's.%n%n",
            loadAtStart, loadAtEnd));
    out.append(
        "| segment | members | SQL evaluator count | full recompute, first (members entered)"
            + " | full recompute again (nothing changes) | DuckDB | DuckDB members"
            + " | again / DuckDB | in-memory path (clock-dependent) |\n"
            + "|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (SegmentBenchmark.Row r : rows) {
      out.append(
          String.format(
              "| `%s` %s | %,d | %.2f s | %.2f s (%,d) | %.2f s | %s | %s | %s | %s |%n",
              r.c().key(),
              r.c().what(),
              r.members(),
              r.countSeconds(),
              r.firstSeconds(),
              r.entered(),
              r.againSeconds(),
              r.duckSeconds() == null ? "–" : String.format("%.3f s", r.duckSeconds()),
              r.duckMembers() == null
                  ? "–"
                  : String.format(
                      "%,d%s", r.duckMembers(), r.duckMembers() == r.members() ? "" : " (DIFFERS)"),
              r.duckSeconds() == null
                  ? "–"
                  : String.format("%.1f×", r.againSeconds() / r.duckSeconds()),
              r.timeDependent()
                  ? String.format(
                      "%.0f µs per person, ≈ %.0f s for all",
                      r.inMemoryPerProfileMicros(), r.inMemoryPerProfileMicros() * profiles / 1e6)
                  : "–"));
    }
    double worst = 0;
    double total = 0;
    for (SegmentBenchmark.Row r : rows) {
      worst = Math.max(worst, r.againSeconds());
      total += r.againSeconds();
    }
    out.append(
        String.format(
            "%nTargets: ≤ 5 s per segment (slowest recompute here %.2f s; all %d together %.1f s)"
                + " and ≤ 3× DuckDB. Query timings are the median of %d runs; a recompute runs"
                + " twice (first: every member entered, with its feed row; again: the same"
                + " instant, nothing to change). The recompute is `SqlRecompute`: the matching"
                + " ids into a temporary table, then one insert of the entries, one update of the"
                + " exits and the feed rows, in one transaction. The in-memory path is what the"
                + " recompute worker runs for segments a clock can change (to store each person's"
                + " next deadline): %,d people evaluated 100 per transaction, extrapolated.%n",
            worst, rows.size(), total, runs, sample));
    return out.toString();
  }
}
