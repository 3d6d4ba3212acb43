package dev.kairos.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kairos.platform.db.EmbeddedDatabase;
import dev.kairos.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The durable-ingest benchmark (architecture: ≥ 25,000 events/s sustained, stretch 50,000; p99 < 50
 * ms for 100-event batches). Starts {@code kairos serve} in its own JVM with its embedded
 * PostgreSQL, posts realistic web-shop traffic to {@code /v1/batch} from concurrent senders, warms
 * up, measures a sustained period, then times a raw PostgreSQL {@code COPY} of the same rows on the
 * same database (the physical limit) and reports the ratio.
 *
 * <pre>
 * ./mvnw -q test-compile exec:java -Dexec.mainClass=dev.kairos.benchmark.IngestBenchmark \
 *     -Dexec.args="senders=12 people=20000 warmup=120 duration=60 seed=42 latency-rate=4000"
 * </pre>
 *
 * <p>Closed loop (the default): each sender posts its next batch as soon as the previous one is
 * answered, which measures the throughput at saturation; its latencies are those of a saturated
 * server (Little's law: mean latency = events in flight / throughput). Open loop ({@code rate=N}
 * events/s overall): each sender posts a batch every {@code batch × senders / N} seconds, the
 * senders' slots spread over that interval, and each latency counts from the batch's scheduled send
 * time, so a stalled server cannot hide its queue; {@code senders} defaults to 32 there, and bounds
 * the batches in flight, as each sender keeps one stream of people whose events must arrive in
 * order. {@code latency-rate=N} adds, after a closed-loop run, an open-loop phase at N events/s
 * ({@code latency-warmup=3} s, then {@code latency-duration=30} s measured) on the same senders'
 * streams: the throughput at saturation and the latency under a load the server carries, in one
 * run.
 *
 * <p>The requests (batch bodies with their HTTP heads) are generated before the run, untimed, for
 * all phases (closed loop: up to {@code rate-ceiling} events/s), so that the load generator, which
 * shares the cores with the server and PostgreSQL, only sends while it is measured; it sends them
 * with a minimal keep-alive HTTP/1.1 client ({@link HttpConnection}); during each warm-up (up to
 * ten seconds before the measured period) the batches sent are generated again, so that a long
 * warm-up does not use up the memory bound. A sender that runs out goes on generating live; the
 * report counts those batches.
 *
 * <p>When the server applies events to identities and profiles asynchronously (a 2xx once the
 * events are appended; the processor's progress in {@code event_cursor}), the run also measures how
 * fast they are applied, the lag at the end and the time to catch up after the senders stop; the
 * sustained figure is the lower of accepted/s and applied/s.
 *
 * <p>Further options: {@code batch=100}, {@code max-events=5000000} (a bound on the whole run),
 * {@code rate-ceiling=40000} (events/s overall the pre-generated closed-loop batches suffice for),
 * {@code pregen-mb=N} (a bound on the pre-generated requests; half the heap unless given), {@code
 * sample-db=true} (sample what PostgreSQL backends do, and which statements take its time, with
 * {@code pg_stat_statements} preloaded), {@code jfr=true} (a flight recording of the server over
 * the measured period), {@code server-opts="-Xmx2g ..."}, {@code keep=true} (keep the temporary
 * KAIROS_HOME), {@code report=false} (do not rewrite docs/benchmarks.md).
 */
public final class IngestBenchmark {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String WRITE_KEY = "bench-write-key";

  /** The options of a run, from {@code name=value} arguments. */
  record Options(
      int senders,
      int people,
      int batch,
      int warmupSeconds,
      int durationSeconds,
      int rate,
      int latencyRate,
      int latencyWarmupSeconds,
      int latencyDurationSeconds,
      long seed,
      long maxEvents,
      int rateCeiling,
      long pregenMegabytes,
      boolean sampleDb,
      boolean jfr,
      List<String> serverOptions,
      boolean keep,
      boolean report) {

    static Options parse(String[] args) {
      Map<String, String> given = new HashMap<>();
      for (String arg : args) {
        String text = arg.startsWith("--") ? arg.substring(2) : arg;
        int eq = text.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("arguments are name=value: " + arg);
        }
        given.put(text.substring(0, eq), text.substring(eq + 1));
      }
      String serverOpts = given.getOrDefault("server-opts", "");
      int rate = Integer.parseInt(given.getOrDefault("rate", "0"));
      Options options =
          new Options(
              Integer.parseInt(given.getOrDefault("senders", rate > 0 ? "32" : "12")),
              Integer.parseInt(given.getOrDefault("people", "20000")),
              Integer.parseInt(given.getOrDefault("batch", "100")),
              Integer.parseInt(given.getOrDefault("warmup", "120")),
              Integer.parseInt(given.getOrDefault("duration", "60")),
              rate,
              Integer.parseInt(given.getOrDefault("latency-rate", "0")),
              Integer.parseInt(given.getOrDefault("latency-warmup", "3")),
              Integer.parseInt(given.getOrDefault("latency-duration", "30")),
              Long.parseLong(given.getOrDefault("seed", "42")),
              Long.parseLong(given.getOrDefault("max-events", "5000000")),
              Integer.parseInt(given.getOrDefault("rate-ceiling", "40000")),
              Long.parseLong(
                  given.getOrDefault(
                      "pregen-mb", Long.toString(Runtime.getRuntime().maxMemory() / 2 >> 20))),
              Boolean.parseBoolean(given.getOrDefault("sample-db", "false")),
              Boolean.parseBoolean(given.getOrDefault("jfr", "false")),
              serverOpts.isBlank() ? List.of() : List.of(serverOpts.trim().split("\\s+")),
              Boolean.parseBoolean(given.getOrDefault("keep", "false")),
              Boolean.parseBoolean(given.getOrDefault("report", "true")));
      if (options.rate() < 0 || options.latencyRate() < 0 || options.senders() <= 0) {
        throw new IllegalArgumentException("rate, latency-rate and senders cannot be negative");
      }
      if (options.rate() > 0 && options.latencyRate() > 0) {
        throw new IllegalArgumentException(
            "latency-rate adds an open-loop phase to a closed-loop run; with rate= the run is"
                + " open loop already");
      }
      return options;
    }

    /** The main phase's pacing: open loop at {@code rate} if given, else closed loop. */
    Pacing pacing() {
      return rate > 0 ? new Pacing.Open(rate) : new Pacing.Closed();
    }

    /** The events to pre-generate: the main phase's and the latency phase's, at their rates. */
    long pregeneratedEvents() {
      long main = (long) (rate > 0 ? rate : rateCeiling) * (warmupSeconds + durationSeconds);
      long margin = 2L * senders * batch; // the open-loop schedule's rounding
      long latency =
          latencyRate > 0
              ? (long) latencyRate * (latencyWarmupSeconds + latencyDurationSeconds) + margin
              : 0;
      return main + (rate > 0 ? margin : 0) + latency;
    }

    /** What the pre-generated batches are for, in words. */
    String pregenerationPlan() {
      String main =
          rate > 0
              ? String.format(
                  "%,d events/s over %d s (open loop)", rate, warmupSeconds + durationSeconds)
              : String.format(
                  "%,d events/s over %d s (closed loop, the rate ceiling)",
                  rateCeiling, warmupSeconds + durationSeconds);
      return latencyRate <= 0
          ? main
          : main
              + String.format(
                  ", then %,d events/s over %d s (open loop)",
                  latencyRate, latencyWarmupSeconds + latencyDurationSeconds);
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    String loadAtStart = Files.readString(Path.of("/proc/loadavg")).trim();
    System.out.println("load average at start (1, 5, 15 min): " + loadAtStart);
    Path home = Files.createTempDirectory("kairos-ingest-bench");
    Path results = Path.of("target", "ingest-benchmark").toAbsolutePath();
    Files.createDirectories(results);
    List<String> jvm = new ArrayList<>(options.serverOptions());
    if (options.sampleDb()) {
      jvm.add(
          "-D"
              + EmbeddedDatabase.SETTINGS_PROPERTY
              + "=shared_preload_libraries=pg_stat_statements");
    }
    if (options.jfr()) {
      jvm.add(
          "-XX:StartFlightRecording=delay="
              + options.warmupSeconds()
              + "s,duration="
              + options.durationSeconds()
              + "s,settings=profile,filename="
              + results.resolve("server.jfr"));
    }
    try (KairosProcess server = KairosProcess.start(home, WRITE_KEY, jvm);
        PostgresProbe postgres = new PostgresProbe(server.jdbcUrl())) {
      System.out.println(
          "server pid " + server.pid() + " on port " + server.port() + ", " + postgres.url());
      LoadRun.Result result = new LoadRun(options, server, postgres, WRITE_KEY).execute();
      Map<String, Long> counts = postgres.counts();
      System.out.println("copying the same " + counts.get("events") + " rows with COPY …");
      PostgresProbe.CopyResult copy = postgres.copyLimit(home);
      String loadAtEnd = Files.readString(Path.of("/proc/loadavg")).trim();
      String markdown =
          IngestReport.markdown(options, result, counts, copy, loadAtStart, loadAtEnd, jvm);
      System.out.println();
      System.out.println(markdown);
      if (options.report()) {
        BenchmarkReport.write(
            "ingest", "Durable ingest with identity and profile updates", markdown);
      }
      if (options.jfr()) {
        System.out.println("server flight recording: " + results.resolve("server.jfr"));
      }
    } finally {
      if (!options.keep()) {
        Trees.delete(home);
      } else {
        System.out.println("kept KAIROS_HOME " + home);
      }
    }
  }

  static Map<String, Long> sortedMix(Tally tally) {
    Map<String, Long> sorted = new LinkedHashMap<>();
    tally.mix.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }
}
