package dev.kairos.benchmark;

import java.util.List;
import java.util.Map;

/**
 * The markdown section of the ingest benchmark: which mode ran, then the closed-loop throughput
 * rows, then the open-loop latency rows, then CPU, the pre-generated batches, the event mix and the
 * database after the run.
 */
final class IngestReport {
  private static final double RUDDERSTACK_EVENTS_PER_SECOND = 1_700;

  private IngestReport() {}

  static String markdown(
      IngestBenchmark.Options options,
      LoadRun.Result result,
      Map<String, Long> counts,
      PostgresProbe.CopyResult copy,
      String loadAtStart,
      String loadAtEnd,
      List<String> serverOptions) {
    LoadRun.Phase main = result.main();
    StringBuilder md = new StringBuilder();
    md.append("`IngestBenchmark`: `kairos serve` in its own JVM, started with `jvm.options` as")
        .append(" `./kairos` starts it")
        .append(serverOptions.isEmpty() ? "" : " and `" + String.join(" ", serverOptions) + "`")
        .append(" with its embedded PostgreSQL (fsync and synchronous_commit on); ")
        .append(options.senders())
        .append(" concurrent senders on the same machine post ")
        .append(options.batch())
        .append("-event batches to `/v1/batch` over loopback HTTP (one keep-alive connection")
        .append(" each); ")
        .append(String.format("%,d", options.people()))
        .append(" people (seed ")
        .append(options.seed())
        .append("); ")
        .append(options.warmupSeconds())
        .append(" s warm-up, then ")
        .append(options.durationSeconds())
        .append(" s measured. Load average (1, 5, 15 min) at start: ")
        .append(loadAverage(loadAtStart))
        .append("; at end: ")
        .append(loadAverage(loadAtEnd))
        .append(".\n\n");
    md.append(mode(options)).append("\n\n");
    md.append("| figure | measured | target / reference |\n|---|---:|---|\n");
    if (main.pacing() instanceof Pacing.Open) {
      openLoopRows(md, main, "");
      copyRow(md, copy);
    } else {
      closedLoopRows(md, main, copy);
    }
    result.latency().ifPresent(latency -> openLoopRows(md, latency, ", open-loop phase"));
    md.append('\n');
    epochNote(md, main.processing());
    cpu(md, main, result.latency().isPresent() ? "the closed-loop measured period" : null);
    result
        .latency()
        .ifPresent(latency -> cpu(md, latency, "the open-loop phase's measured period"));
    md.append(
        String.format(
            "Mean batch body %,d bytes (%,d bytes per event).%n%n",
            main.tally().averageBodyBytes(),
            main.tally().averageBodyBytes() / Math.max(1, options.batch())));
    pregeneration(md, options, result);
    mix(md, main.tally());
    database(md, counts, result);
    if (main.activity() != null) {
      md.append("\nWhere PostgreSQL's time goes (measured period):\n\n").append(main.activity());
    }
    firstError(md, "", main.tally());
    result
        .latency()
        .ifPresent(latency -> firstError(md, " in the open-loop phase", latency.tally()));
    return md.toString();
  }

  private static String mode(IngestBenchmark.Options options) {
    String closed =
        "closed loop (each sender posts its next batch as soon as the previous one is answered):"
            + " the throughput at saturation, whose latencies are those of a saturated server (by"
            + " Little's law, mean latency = events in flight / throughput)";
    String open =
        " events/s offered (each sender posts a batch every batch × senders / rate seconds,"
            + " the senders' slots spread over that interval, whether or not the server keeps up;"
            + " latencies count from each batch's scheduled send time, and a sender still busy"
            + " with its previous batch sends late, so queueing is counted, not hidden)";
    if (options.rate() > 0) {
      return "Mode: open loop at " + String.format("%,d", options.rate()) + open + ".";
    }
    if (options.latencyRate() > 0) {
      return "Mode: "
          + closed
          + "; then, on the same "
          + options.senders()
          + " senders' streams (so at most "
          + options.senders()
          + " batches in flight), open loop at "
          + String.format("%,d", options.latencyRate())
          + open
          + String.format(
              ", %d s warm-up, then %d s measured.",
              options.latencyWarmupSeconds(), options.latencyDurationSeconds());
    }
    return "Mode: "
        + closed
        + ". For the latency under a load the server carries, see"
        + " `latency-rate=` or `rate=`.";
  }

  private static void closedLoopRows(
      StringBuilder md, LoadRun.Phase phase, PostgresProbe.CopyResult copy) {
    Tally tally = phase.tally();
    Processing processing = phase.processing();
    double accepted = phase.acceptedPerSecond();
    boolean appliedIsLower = processing.asynchronous() && processing.appliedPerSecond() < accepted;
    double sustained = appliedIsLower ? processing.appliedPerSecond() : accepted;
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
    processingRows(md, processing, "");
    row(
        md,
        "batches/s",
        String.format("%,.0f", tally.batches / (double) phase.durationSeconds()),
        "");
    row(
        md,
        "batch latency p50 / p95 / p99 / max (closed loop, at saturation)",
        tally.latencies.summary(),
        "p99 < 50 ms is for a load the server carries: see the open-loop rows");
    errorRow(md, tally, "");
    copyRow(md, copy);
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
  }

  private static void openLoopRows(StringBuilder md, LoadRun.Phase phase, String where) {
    Tally tally = phase.tally();
    int offered = ((Pacing.Open) phase.pacing()).eventsPerSecond();
    String at = String.format("at %,d events/s offered", offered);
    row(
        md,
        "events/s offered" + (where.isEmpty() ? " (open loop)" : where),
        String.format("%,d", offered),
        "");
    row(
        md,
        "events/s achieved (2xx in the measured period)" + where,
        String.format("%,.0f", phase.acceptedPerSecond()),
        phase.keptUp() ? "kept up (≥ 98 % of offered)" : "**did not keep up** (< 98 % of offered)");
    processingRows(md, phase.processing(), where);
    row(
        md,
        "batch latency " + at + ", from the scheduled send: p50 / p95 / p99 / max",
        tally.latencies.summary(),
        "p99 < 50 ms");
    row(
        md,
        "of which from the actual send to the answer: p50 / p95 / p99 / max",
        tally.responseTimes.summary(),
        "");
    row(
        md,
        "send behind schedule: p50 / p95 / p99 / max",
        tally.sendDelays.summary(),
        "a sender busy with its previous batch, or woken late");
    if (tally.unsent > 0) {
      row(
          md,
          "batches scheduled in the measured period, unsent at its end" + where,
          String.format("%,d", tally.unsent),
          "not in the latencies: the server fell behind");
    }
    errorRow(md, tally, where);
  }

  private static void processingRows(StringBuilder md, Processing processing, String where) {
    String applied = "events applied/s (identity + profiles) in the measured period" + where;
    String lag = "processing lag at the end of the measured period" + where;
    String catchUp = "processor caught up after the senders stopped" + where;
    if (!processing.asynchronous()) {
      row(md, applied, "synchronous (applied before 2xx)", "");
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

  private static void errorRow(StringBuilder md, Tally tally, String where) {
    row(
        md,
        "errors (non-2xx or I/O) in the measured period" + where,
        tally.errors
            + (tally.errorsOutsideWindow > 0
                ? " (+" + tally.errorsOutsideWindow + " outside)"
                : ""),
        "0");
  }

  private static void copyRow(StringBuilder md, PostgresProbe.CopyResult copy) {
    row(
        md,
        "raw binary `COPY` (as Kairos writes) of the same rows into a table `like events including all`",
        String.format("%,.0f rows/s", copy.rowsPerSecond()),
        String.format(
            "the physical limit (%,d rows, %.1f MB, %.2f s, one transaction)",
            copy.rows(), copy.bytes() / 1e6, copy.seconds()));
  }

  private static void epochNote(StringBuilder md, Processing processing) {
    if (processing.epochAtStart() != processing.epochAtEnd()) {
      md.append(
          String.format(
              "The processor's epoch changed in the measured period (%d → %d): the applied"
                  + " figures span it.%n%n",
              processing.epochAtStart(), processing.epochAtEnd()));
    }
  }

  private static void cpu(StringBuilder md, LoadRun.Phase phase, String period) {
    double wall = phase.durationSeconds();
    md.append(
        String.format(
            "CPU in %s (cores busy, of %d): load generator %.2f (%.2f ms per batch sent in it),"
                + " Kairos JVM %.2f, PostgreSQL %.2f.%n%n",
            period == null ? "the measured period" : period,
            Runtime.getRuntime().availableProcessors(),
            phase.clientCpuSeconds() / wall,
            1e3 * phase.clientCpuSeconds() / Math.max(1, phase.tally().batchesSentInPeriod),
            phase.serverCpuSeconds() / wall,
            phase.postgresCpuSeconds() / wall));
    md.append("Kairos JVM's cores by thread: ")
        .append(cores(phase.serverCpuByThread(), wall))
        .append(".\n\n");
    md.append("PostgreSQL's cores by process: ")
        .append(cores(phase.postgresCpuByKind(), wall))
        .append(".\n\n");
    PostgresProbe.Wal wal = phase.wal();
    long events = Math.max(1, phase.tally().events);
    md.append(
        String.format(
            "Write-ahead log in it: %,.0f MB (%,.0f bytes per event accepted), %,d records, %,d"
                + " full-page images (%.2f per event); checkpoints started: %d timed, %d"
                + " requested.%n%n",
            wal.bytes() / 1e6,
            wal.bytes() / (double) events,
            wal.records(),
            wal.fullPageImages(),
            wal.fullPageImages() / (double) events,
            wal.checkpointsTimed(),
            wal.checkpointsRequested()));
  }

  private static String cores(Map<String, Double> secondsByKind, double wall) {
    StringBuilder kinds = new StringBuilder();
    secondsByKind.forEach(
        (kind, seconds) -> {
          if (seconds / wall >= 0.005) {
            kinds
                .append(kinds.length() == 0 ? "" : ", ")
                .append(String.format("%s %.2f", kind, seconds / wall));
          }
        });
    return kinds.toString();
  }

  private static void pregeneration(
      StringBuilder md, IngestBenchmark.Options options, LoadRun.Result result) {
    SenderBatches.Pregeneration p = result.pregeneration();
    md.append(
        String.format(
            "The load generator's requests (batch bodies with their HTTP heads) were generated"
                + " before the run, untimed, for %s: %,d events (%,.0f MB%s) in %.1f s on %d"
                + " threads; %,d more during the warm-ups (up to %d s before each measured period),"
                + " in place of those sent. Batches generated live because the pre-generated ones"
                + " ran out: %,d (%,d in the measured period)",
            p.plan(),
            p.events(),
            p.bytes() / 1e6,
            p.limitedByMemory()
                ? String.format(", stopped by the %,d MB bound", options.pregenMegabytes())
                : "",
            p.seconds(),
            p.threads(),
            result.toppedUpInWarmups(),
            LoadRun.TOP_UP_STOP.toSeconds(),
            result.main().liveBatches(),
            result.main().liveBatchesInPeriod()));
    result
        .latency()
        .ifPresent(
            latency ->
                md.append(
                    String.format(
                        "; in the open-loop phase %,d (%,d in its measured period)",
                        latency.liveBatches(), latency.liveBatchesInPeriod())));
    long connects =
        result.main().tally().connects
            + result.latency().map(latency -> latency.tally().connects).orElse(0L);
    md.append(
        String.format(
            ". Connections opened: %,d (one per sender and phase unless the server closed one or"
                + " an error did).%n%n",
            connects));
  }

  private static void mix(StringBuilder md, Tally tally) {
    md.append("Event mix of the measured period:\n\n| call | events | share |\n|---|---:|---:|\n");
    IngestBenchmark.sortedMix(tally)
        .forEach(
            (kind, n) ->
                row(
                    md,
                    kind,
                    String.format("%,d", n),
                    String.format("%.1f %%", 100.0 * n / Math.max(1, tally.events))));
  }

  private static void database(StringBuilder md, Map<String, Long> counts, LoadRun.Result result) {
    boolean partial =
        result.main().processing().asynchronous()
            && (result.main().processing().catchUpSeconds().isEmpty()
                || result
                    .latency()
                    .map(latency -> latency.processing().catchUpSeconds().isEmpty())
                    .orElse(false));
    md.append("\nThe database after the run (warm-up")
        .append(result.latency().isPresent() ? " and the open-loop phase" : "")
        .append(" included")
        .append(
            partial
                ? "; the processor had not caught up, so identity and profile rows are partial"
                : "")
        .append("):\n\n| rows | count |\n|---|---:|\n");
    counts.forEach((name, n) -> row(md, name, String.format("%,d", n)));
    long transactions = counts.getOrDefault("transactions that wrote events", 0L);
    md.append(
        String.format(
            "%nMean events per group-commit transaction: %,.0f.%n",
            counts.get("events") / (double) Math.max(1, transactions)));
  }

  private static void firstError(StringBuilder md, String where, Tally tally) {
    if (tally.firstError != null) {
      md.append("\nFirst error")
          .append(where)
          .append(": `")
          .append(tally.firstError.replace('`', '\''))
          .append("`\n");
    }
  }

  private static String loadAverage(String loadavg) {
    String[] fields = loadavg.split("\\s+");
    return fields.length >= 3 ? fields[0] + ", " + fields[1] + ", " + fields[2] : loadavg;
  }

  private static void row(StringBuilder md, String... cells) {
    md.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }
}
