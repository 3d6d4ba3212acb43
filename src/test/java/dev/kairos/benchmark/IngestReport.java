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
    Processing processing = result.processing();
    double accepted = result.acceptedPerSecond();
    boolean appliedIsLower = processing.asynchronous() && processing.appliedPerSecond() < accepted;
    double sustained = appliedIsLower ? processing.appliedPerSecond() : accepted;
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
        "events/s sustained ("
            + (processing.asynchronous()
                ? "the lower of accepted and applied: " + (appliedIsLower ? "applied" : "accepted")
                : "accepted, applied before the 2xx")
            + ")",
        String.format("%,.0f", sustained),
        "≥ 25,000; stretch 50,000");
    row(md, "events/s accepted (2xx, durable)", String.format("%,.0f", accepted), "");
    processingRows(md, processing);
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
        "Kairos sustained / COPY",
        String.format("%.1f %%", 100 * sustained / copy.rowsPerSecond()),
        "");
    row(
        md,
        "Kairos / RudderStack",
        String.format("%.1f×", sustained / RUDDERSTACK_EVENTS_PER_SECOND),
        "RudderStack ~1,700 events/s on 2 cores (published)");
    md.append('\n');
    if (processing.epochAtStart() != processing.epochAtEnd()) {
      md.append(
          String.format(
              "The processor's epoch changed in the measured period (%d → %d): the applied"
                  + " figures span it.%n%n",
              processing.epochAtStart(), processing.epochAtEnd()));
    }
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
    SenderBatches.Pregeneration pregeneration = result.pregeneration();
    md.append(
        String.format(
            "The load generator's batch bodies were generated before the run, untimed, for up to"
                + " %,d events/s: %,d events (%,.0f MB%s) in %.1f s on %d threads. Batches"
                + " generated live because the pre-generated ones ran out: %,d (%,d in the measured"
                + " period).%n%n",
            options.rateCeiling(),
            pregeneration.events(),
            pregeneration.bytes() / 1e6,
            pregeneration.limitedByMemory()
                ? String.format(", stopped by the %,d MB bound", options.pregenMegabytes())
                : "",
            pregeneration.seconds(),
            pregeneration.threads(),
            result.liveBatches(),
            result.liveBatchesInPeriod()));
    md.append("Event mix of the measured period:\n\n| call | events | share |\n|---|---:|---:|\n");
    IngestBenchmark.sortedMix(tally)
        .forEach(
            (kind, n) ->
                row(
                    md,
                    kind,
                    String.format("%,d", n),
                    String.format("%.1f %%", 100.0 * n / Math.max(1, tally.events))));
    md.append("\nThe database after the run (warm-up included")
        .append(
            processing.asynchronous() && processing.catchUpSeconds().isEmpty()
                ? "; the processor had not caught up, so identity and profile rows are partial"
                : "")
        .append("):\n\n| rows | count |\n|---|---:|\n");
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

  private static void processingRows(StringBuilder md, Processing processing) {
    String applied = "events applied/s (identity + profiles) in the measured period";
    String lag = "processing lag at the end of the measured period";
    String catchUp = "processor caught up after the senders stopped";
    if (!processing.asynchronous()) {
      row(md, applied, "synchronous (applied before 2xx)", "");
      row(md, lag, "n/a", "");
      row(md, catchUp, "n/a", "");
      return;
    }
    row(md, applied, String.format("%,.0f", processing.appliedPerSecond()), "");
    row(
        md,
        lag,
        processing.lagEvents() == 0
            ? "0 events"
            : processing.appliedInPeriod() == 0
                ? String.format("%,d events (none applied in the period)", processing.lagEvents())
                : String.format(
                    "%,d events (%.1f s at the applied rate)",
                    processing.lagEvents(), processing.lagSeconds()),
        "");
    row(
        md,
        catchUp,
        processing.catchUpSeconds().isPresent()
            ? String.format("after %.2f s", processing.catchUpSeconds().getAsDouble())
            : String.format("not within %.0f s", processing.catchUpWaitSeconds()),
        "polled every 50 ms");
  }

  private static String loadAtStart(String loadavg) {
    String[] fields = loadavg.split("\\s+");
    return fields.length >= 3 ? fields[0] + ", " + fields[1] + ", " + fields[2] : loadavg;
  }

  private static void row(StringBuilder md, String... cells) {
    md.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }
}
