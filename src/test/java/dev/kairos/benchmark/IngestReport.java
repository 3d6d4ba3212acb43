package dev.kairos.benchmark;

import java.util.List;
import java.util.Map;

/** The markdown section of the ingest benchmark. */
final class IngestReport {
  private static final double RUDDERSTACK_EVENTS_PER_SECOND = 1_700;

  private IngestReport() {}

  static String markdown(
      IngestBenchmark.Options options,
      IngestBenchmark.Result result,
      Map<String, Long> counts,
      PostgresProbe.CopyResult copy,
      String loadAtStart,
      String loadAtEnd,
      List<String> serverOptions) {
    IngestBenchmark.Tally tally = result.tally();
    double eventsPerSecond = tally.events / result.measuredSeconds();
    double batchesPerSecond = tally.count / result.measuredSeconds();
    StringBuilder md = new StringBuilder();
    md.append("`IngestBenchmark`: `kairos serve` in its own JVM")
        .append(serverOptions.isEmpty() ? "" : " (`" + String.join(" ", serverOptions) + "`)")
        .append(" with its embedded PostgreSQL (fsync and synchronous_commit on); ")
        .append(options.senders())
        .append(" concurrent senders on the same machine post ")
        .append(options.batch())
        .append("-event batches to `/v1/batch` over loopback HTTP; ")
        .append(String.format("%,d", options.people()))
        .append(" people (seed ")
        .append(options.seed())
        .append("); ")
        .append(options.warmupSeconds())
        .append(" s warm-up, then ")
        .append(options.durationSeconds())
        .append(" s measured. Load average (1, 5, 15 min) at start: ")
        .append(loadAtStart(loadAtStart))
        .append("; at end: ")
        .append(loadAtStart(loadAtEnd))
        .append(".\n\n");
    md.append("| figure | measured | target / reference |\n|---|---:|---|\n");
    row(
        md,
        "events/s accepted (2xx), sustained",
        String.format("%,.0f", eventsPerSecond),
        "≥ 25,000; stretch 50,000");
    row(md, "batches/s", String.format("%,.0f", batchesPerSecond), "");
    row(
        md,
        "batch latency p50 / p95 / p99 / max",
        String.format(
            "%.1f / %.1f / %.1f / %.1f ms",
            IngestBenchmark.percentileMillis(tally, 50),
            IngestBenchmark.percentileMillis(tally, 95),
            IngestBenchmark.percentileMillis(tally, 99),
            IngestBenchmark.percentileMillis(tally, 100)),
        "p99 < 50 ms");
    row(
        md,
        "errors (non-2xx or I/O) in the measured period",
        tally.errors
            + (tally.errorsOutsideWindow > 0
                ? " (+" + tally.errorsOutsideWindow + " outside)"
                : ""),
        "0");
    row(
        md,
        "raw `COPY` of the same rows into a table `like events including all`",
        String.format("%,.0f rows/s", copy.rowsPerSecond()),
        String.format(
            "the physical limit (%,d rows, %.1f MB, %.2f s, one transaction)",
            copy.rows(), copy.bytes() / 1e6, copy.seconds()));
    row(
        md,
        "Kairos / COPY",
        String.format("%.1f %%", 100 * eventsPerSecond / copy.rowsPerSecond()),
        "");
    row(
        md,
        "Kairos / RudderStack",
        String.format("%.1f×", eventsPerSecond / RUDDERSTACK_EVENTS_PER_SECOND),
        "RudderStack ~1,700 events/s on 2 cores (published)");
    md.append('\n');
    double wall = result.measuredSeconds();
    md.append(
        String.format(
            "CPU in the measured period (cores busy, of %d): load generator %.2f, Kairos JVM %.2f,"
                + " PostgreSQL %.2f. Mean batch body %,d bytes (%,d bytes per event).%n%n",
            Runtime.getRuntime().availableProcessors(),
            result.clientCpuSeconds() / wall,
            result.serverCpuSeconds() / wall,
            result.postgresCpuSeconds() / wall,
            result.averageBatchBytes(),
            result.averageBatchBytes() / Math.max(1, options.batch())));
    md.append("Event mix of the measured period:\n\n| call | events | share |\n|---|---:|---:|\n");
    IngestBenchmark.sortedMix(tally)
        .forEach(
            (kind, n) ->
                row(
                    md,
                    kind,
                    String.format("%,d", n),
                    String.format("%.1f %%", 100.0 * n / Math.max(1, tally.events))));
    md.append("\nThe database after the run (warm-up included):\n\n| rows | count |\n|---|---:|\n");
    counts.forEach((name, n) -> row(md, name, String.format("%,d", n)));
    long transactions = counts.getOrDefault("transactions that wrote events", 0L);
    md.append(
        String.format(
            "%nMean events per group-commit transaction: %,.0f.%n",
            counts.get("events") / (double) Math.max(1, transactions)));
    if (result.activity() != null) {
      md.append("\nWhere PostgreSQL's time goes (measured period):\n\n").append(result.activity());
    }
    if (tally.firstError != null) {
      md.append("\nFirst error: `").append(tally.firstError.replace('`', '\'')).append("`\n");
    }
    return md.toString();
  }

  private static String loadAtStart(String loadavg) {
    String[] fields = loadavg.split("\\s+");
    return fields.length >= 3 ? fields[0] + ", " + fields[1] + ", " + fields[2] : loadavg;
  }

  private static void row(StringBuilder md, String... cells) {
    md.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }
}
