package dev.kairos.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load of one benchmark run: pre-generates the senders' batches, then runs the main phase
 * (closed loop, or open loop at {@code rate=}) and, when asked for, an open-loop latency phase at
 * {@code latency-rate=} on the same senders' streams, so each person's events stay in order.
 */
final class LoadRun {
  private static final Duration CATCH_UP_WAIT = Duration.ofSeconds(120);

  /**
   * How long before a measured period the warm-up's top-up of the senders' batches stops, so that
   * the load generator's collection of its garbage falls in the warm-up too.
   */
  static final Duration TOP_UP_STOP = Duration.ofSeconds(10);

  private final IngestBenchmark.Options options;
  private final KairosProcess server;
  private final PostgresProbe postgres;
  private final HttpConnection.Target target;
  private final AtomicLong eventBudget;

  LoadRun(
      IngestBenchmark.Options options,
      KairosProcess server,
      PostgresProbe postgres,
      String writeKey) {
    this.options = options;
    this.server = server;
    this.postgres = postgres;
    this.target = new HttpConnection.Target("127.0.0.1", server.port(), writeKey);
    this.eventBudget = new AtomicLong(options.maxEvents());
  }

  /**
   * What one phase measured: its pacing, senders and periods, the merged tally, the CPU each
   * process used in its measured period, what the processor did, and the batches generated live.
   */
  record Phase(
      Pacing pacing,
      int senders,
      int warmupSeconds,
      int durationSeconds,
      Tally tally,
      double clientCpuSeconds,
      double serverCpuSeconds,
      Map<String, Double> postgresCpuByKind,
      Map<String, Double> serverCpuByThread,
      Processing processing,
      String activity,
      PostgresProbe.Wal wal,
      long liveBatches,
      long liveBatchesInPeriod) {
    /** All of PostgreSQL's processes, those that exited in the period included. */
    double postgresCpuSeconds() {
      return postgresCpuByKind.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    double acceptedPerSecond() {
      return tally.events / (double) durationSeconds;
    }

    /**
     * Open loop: whether the events accepted in the measured period reached 98 % of those offered.
     */
    boolean keptUp() {
      return pacing instanceof Pacing.Open open
          && acceptedPerSecond() >= 0.98 * open.eventsPerSecond();
    }
  }

  /**
   * The phases of a run, what pre-generating their batches took, and the events generated during
   * the warm-ups to replace those sent.
   */
  record Result(
      Phase main,
      Optional<Phase> latency,
      SenderBatches.Pregeneration pregeneration,
      long toppedUpInWarmups) {}

  Result execute() throws Exception {
    SenderBatches.Prepared prepared = SenderBatches.forRun(options, IngestBenchmark.MAPPER, target);
    boolean asynchronous = postgres.hasTable("event_cursor");
    System.out.println(
        asynchronous
            ? "the server applies events asynchronously (event_cursor): measuring its progress"
            : "no event_cursor: the server applies events before it answers");
    Phase main =
        phase(
            prepared.senders(),
            options.pacing(),
            options.warmupSeconds(),
            options.durationSeconds(),
            options.sampleDb(),
            asynchronous);
    Optional<Phase> latency = Optional.empty();
    if (options.latencyRate() > 0) {
      latency =
          Optional.of(
              phase(
                  prepared.senders(),
                  new Pacing.Open(options.latencyRate()),
                  options.latencyWarmupSeconds(),
                  options.latencyDurationSeconds(),
                  false,
                  asynchronous));
    }
    long toppedUp = prepared.senders().stream().mapToLong(SenderBatches::toppedUpEvents).sum();
    return new Result(
        main, latency, prepared.pregeneration(), toppedUp - prepared.pregeneration().events());
  }

  private Phase phase(
      List<SenderBatches> streams,
      Pacing pacing,
      int warmupSeconds,
      int durationSeconds,
      boolean sampleDb,
      boolean asynchronous)
      throws Exception {
    long liveBefore = streams.stream().mapToLong(SenderBatches::liveBatches).sum();
    long liveInPeriodBefore = streams.stream().mapToLong(SenderBatches::liveBatchesInPeriod).sum();
    long start = System.nanoTime();
    long measureFrom = start + warmupSeconds * 1_000_000_000L;
    Sender.Window window =
        new Sender.Window(start, measureFrom, measureFrom + durationSeconds * 1_000_000_000L);
    List<Sender> senders = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < streams.size(); i++) {
      Sender sender =
          new Sender(
              i,
              streams.size(),
              options.batch(),
              pacing,
              window,
              streams.get(i),
              target,
              eventBudget);
      senders.add(sender);
      Thread thread = new Thread(sender, "sender-" + i);
      threads.add(thread);
      thread.start();
    }
    System.out.printf(
        "%s: %d senders, warming up %d s, then measuring %d s …%n",
        describe(pacing), streams.size(), warmupSeconds, durationSeconds);
    Thread topUp = topUp(streams, window.measureFrom() - TOP_UP_STOP.toNanos());
    sleepUntil(window.measureFrom());
    topUp.join();
    Cpu before = cpu();
    Processing.Sample progressBefore = asynchronous ? Processing.sample(postgres) : null;
    PostgresProbe.Wal walBefore = postgres.wal();
    PostgresProbe.ActivitySampler sampler =
        sampleDb ? new PostgresProbe.ActivitySampler(postgres.url(), 20) : null;
    boolean statements = sampleDb && postgres.resetStatements();
    sleepUntil(window.measureTo());
    Cpu after = cpu();
    Processing.Sample progressAfter = asynchronous ? Processing.sample(postgres) : null;
    PostgresProbe.Wal wal = postgres.wal().since(walBefore);
    String activity = null;
    if (sampler != null) {
      sampler.close();
      activity = sampler.report();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (statements) {
      long accepted = senders.stream().mapToLong(sender -> sender.tally().events).sum();
      activity +=
          "\nStatements by database time (`pg_stat_statements`, measured period and the"
              + " requests in flight at its end):\n\n"
              + postgres.statements(accepted);
    }
    Processing processing = processing(asynchronous, progressBefore, progressAfter);
    return new Phase(
        pacing,
        streams.size(),
        warmupSeconds,
        durationSeconds,
        Tally.merge(senders.stream().map(Sender::tally).toList()),
        after.client - before.client,
        after.server - before.server,
        PostgresCpu.between(before.postgres, after.postgres),
        PostgresCpu.between(before.serverThreads, after.serverThreads),
        processing,
        activity,
        wal,
        streams.stream().mapToLong(SenderBatches::liveBatches).sum() - liveBefore,
        streams.stream().mapToLong(SenderBatches::liveBatchesInPeriod).sum() - liveInPeriodBefore);
  }

  /**
   * Generates batches in place of those the senders take, until {@code until}: a long warm-up would
   * otherwise use up the pre-generated ones, and the senders would generate live while measured,
   * taking CPU from the server.
   */
  private static Thread topUp(List<SenderBatches> streams, long until) {
    Thread thread =
        new Thread(
            () -> {
              while (System.nanoTime() < until) {
                boolean generated = false;
                for (SenderBatches stream : streams) {
                  generated |= System.nanoTime() < until && stream.topUp();
                }
                if (!generated) {
                  try {
                    Thread.sleep(100);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              }
            },
            "top-up");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private Processing processing(
      boolean asynchronous, Processing.Sample before, Processing.Sample after)
      throws SQLException, InterruptedException {
    return asynchronous
        ? Processing.measure(postgres, before, after, CATCH_UP_WAIT)
        : Processing.synchronous();
  }

  static String describe(Pacing pacing) {
    return pacing instanceof Pacing.Open open
        ? String.format("open loop at %,d events/s", open.eventsPerSecond())
        : "closed loop";
  }

  private record Cpu(
      double client,
      double server,
      Map<String, Double> serverThreads,
      Map<String, Double> postgres) {}

  private Cpu cpu() throws IOException {
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double serverCpu =
        ProcessHandle.of(server.pid())
            .flatMap(p -> p.info().totalCpuDuration())
            .map(d -> d.toNanos() / 1e9)
            .orElse(Double.NaN);
    return new Cpu(
        os.getProcessCpuTime() / 1e9,
        serverCpu,
        JvmThreadCpu.sample(server.pid()),
        PostgresCpu.sample(server.postgresProcesses()));
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      Thread.sleep(Math.min(1_000, Math.max(1, left / 1_000_000)));
    }
  }
}
