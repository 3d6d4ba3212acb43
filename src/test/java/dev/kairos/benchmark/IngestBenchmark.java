package dev.kairos.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The durable-ingest benchmark (architecture: ≥ 25,000 events/s sustained, stretch 50,000; p99 < 50
 * ms for 100-event batches). Starts {@code kairos serve} in its own JVM with its embedded
 * PostgreSQL, posts realistic web-shop traffic to {@code /v1/batch} from concurrent senders, warms
 * up, measures a sustained period, then times a raw PostgreSQL {@code COPY} of the same rows on the
 * same database (the physical limit) and reports the ratio.
 *
 * <pre>
 * ./mvnw -q test-compile exec:java -Dexec.mainClass=dev.kairos.benchmark.IngestBenchmark \
 *     -Dexec.args="senders=12 people=20000 warmup=10 duration=60 seed=42"
 * </pre>
 *
 * The batch bodies are generated before the run, untimed, for up to {@code rate-ceiling} events/s
 * over the warm-up and the measured period, so that the load generator, which shares the cores with
 * the server and PostgreSQL, only sends while it is measured. A sender that runs out goes on
 * generating live; the report counts those batches.
 *
 * <p>When the server applies events to identities and profiles asynchronously (a 2xx once the
 * events are appended; the processor's progress in {@code event_cursor}), the run also measures how
 * fast they are applied, the lag at the end and the time to catch up after the senders stop; the
 * sustained figure is the lower of accepted/s and applied/s.
 *
 * <p>Further options: {@code batch=100}, {@code max-events=5000000} (a bound on the whole run),
 * {@code rate-ceiling=40000} (events/s overall the pre-generated batches suffice for), {@code
 * pregen-mb=N} (a bound on the pre-generated bodies; half the heap unless given), {@code
 * sample-db=true} (sample what PostgreSQL backends do), {@code jfr=true} (a flight recording of the
 * server over the measured period), {@code server-opts="-Xmx2g ..."}, {@code keep=true} (keep the
 * temporary KAIROS_HOME), {@code report=false} (do not rewrite docs/benchmarks.md).
 */
public final class IngestBenchmark {
  private static final String WRITE_KEY = "bench-write-key";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration CATCH_UP_WAIT = Duration.ofSeconds(120);

  /** The options of a run, from {@code name=value} arguments. */
  record Options(
      int senders,
      int people,
      int batch,
      int warmupSeconds,
      int durationSeconds,
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
      return new Options(
          Integer.parseInt(given.getOrDefault("senders", "12")),
          Integer.parseInt(given.getOrDefault("people", "20000")),
          Integer.parseInt(given.getOrDefault("batch", "100")),
          Integer.parseInt(given.getOrDefault("warmup", "10")),
          Integer.parseInt(given.getOrDefault("duration", "60")),
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
    }
  }

  /** What the senders measured in the measured period. */
  static final class Tally {
    long[] latencies;
    int count;
    long events;
    long errors;
    long errorsOutsideWindow;
    String firstError;
    final Map<String, Long> mix = new TreeMap<>();

    Tally(int capacity) {
      latencies = new long[Math.max(16, capacity)];
    }

    void add(long latency) {
      if (count == latencies.length) {
        latencies = Arrays.copyOf(latencies, count * 2);
      }
      latencies[count++] = latency;
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
      Run run = new Run(options, server, postgres);
      Result result = run.execute();
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
        deleteTree(home);
      } else {
        System.out.println("kept KAIROS_HOME " + home);
      }
    }
  }

  /** Everything one load run measured. */
  record Result(
      Tally tally,
      double measuredSeconds,
      long eventsSent,
      double clientCpuSeconds,
      double serverCpuSeconds,
      double postgresCpuSeconds,
      long averageBatchBytes,
      SenderBatches.Pregeneration pregeneration,
      long liveBatches,
      long liveBatchesInPeriod,
      Processing processing,
      String activity) {
    double acceptedPerSecond() {
      return tally.events / measuredSeconds;
    }
  }

  /** One load run: senders post batches until the warm-up and the measured period are over. */
  static final class Run {
    private final Options options;
    private final KairosProcess server;
    private final PostgresProbe postgres;
    private final HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final AtomicLong eventsSent = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong batchesSent = new AtomicLong();

    Run(Options options, KairosProcess server, PostgresProbe postgres) {
      this.options = options;
      this.server = server;
      this.postgres = postgres;
    }

    Result execute() throws Exception {
      SenderBatches.Prepared prepared = SenderBatches.forRun(options, MAPPER);
      boolean asynchronous = postgres.hasTable("event_cursor");
      System.out.println(
          asynchronous
              ? "the server applies events asynchronously (event_cursor): measuring its progress"
              : "no event_cursor: the server applies events before it answers");
      long start = System.nanoTime();
      long measureFrom = start + options.warmupSeconds() * 1_000_000_000L;
      long measureTo = measureFrom + options.durationSeconds() * 1_000_000_000L;
      List<Tally> tallies = new ArrayList<>();
      List<Thread> senders = new ArrayList<>();
      for (int i = 0; i < options.senders(); i++) {
        Tally tally = new Tally(8_192);
        tallies.add(tally);
        SenderBatches batches = prepared.senders().get(i);
        Thread sender =
            new Thread(() -> send(batches, tally, measureFrom, measureTo), "sender-" + i);
        senders.add(sender);
        sender.start();
      }
      System.out.printf(
          "%d senders, warming up %d s, then measuring %d s …%n",
          options.senders(), options.warmupSeconds(), options.durationSeconds());
      sleepUntil(measureFrom);
      Cpu before = cpu();
      Processing.Sample progressBefore = asynchronous ? Processing.sample(postgres) : null;
      PostgresProbe.ActivitySampler sampler =
          options.sampleDb() ? new PostgresProbe.ActivitySampler(postgres.url(), 20) : null;
      sleepUntil(measureTo);
      Cpu after = cpu();
      Processing.Sample progressAfter = asynchronous ? Processing.sample(postgres) : null;
      String activity = null;
      if (sampler != null) {
        sampler.close();
        activity = sampler.report();
      }
      for (Thread sender : senders) {
        sender.join();
      }
      Processing processing =
          asynchronous
              ? Processing.measure(postgres, progressBefore, progressAfter, CATCH_UP_WAIT)
              : Processing.synchronous();
      Tally all = merge(tallies);
      double seconds = options.durationSeconds();
      return new Result(
          all,
          seconds,
          eventsSent.get(),
          after.client - before.client,
          after.server - before.server,
          after.postgres - before.postgres,
          bytesSent.get() / Math.max(1, batchesSent.get()),
          prepared.pregeneration(),
          prepared.senders().stream().mapToLong(SenderBatches::liveBatches).sum(),
          prepared.senders().stream().mapToLong(SenderBatches::liveBatchesInPeriod).sum(),
          processing,
          activity);
    }

    private void send(SenderBatches batches, Tally tally, long measureFrom, long measureTo) {
      String auth =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((WRITE_KEY + ":").getBytes(StandardCharsets.UTF_8));
      URI uri = URI.create("http://127.0.0.1:" + server.port() + "/v1/batch");
      while (System.nanoTime() < measureTo
          && eventsSent.addAndGet(options.batch()) <= options.maxEvents()) {
        ShopTraffic.Batch batch = batches.next(measureFrom, measureTo);
        bytesSent.addAndGet(batch.body().length);
        batchesSent.incrementAndGet();
        HttpRequest request =
            HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", auth)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch.body()))
                .build();
        long sent = System.nanoTime();
        int status;
        String failure = null;
        try {
          HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
          status = response.statusCode();
          if (status / 100 != 2) {
            failure = status + " " + response.body();
          }
        } catch (IOException e) {
          status = -1;
          failure = e.toString();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        long done = System.nanoTime();
        boolean measured = sent >= measureFrom && done <= measureTo;
        if (failure != null) {
          if (measured) {
            tally.errors++;
          } else {
            tally.errorsOutsideWindow++;
          }
          if (tally.firstError == null) {
            tally.firstError = failure.length() > 300 ? failure.substring(0, 300) : failure;
          }
        } else if (measured) {
          tally.add(done - sent);
          tally.events += batch.size();
          batch.mix().forEach((kind, n) -> tally.mix.merge(kind, (long) n, Long::sum));
        }
      }
    }

    private record Cpu(double client, double server, double postgres) {}

    private Cpu cpu() throws IOException {
      var os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      double serverCpu =
          ProcessHandle.of(server.pid())
              .flatMap(p -> p.info().totalCpuDuration())
              .map(d -> d.toNanos() / 1e9)
              .orElse(Double.NaN);
      double postgresCpu = 0;
      for (ProcessHandle p : server.postgresProcesses()) {
        postgresCpu += p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
      }
      return new Cpu(os.getProcessCpuTime() / 1e9, serverCpu, postgresCpu);
    }

    private static Tally merge(List<Tally> tallies) {
      int total = tallies.stream().mapToInt(t -> t.count).sum();
      Tally all = new Tally(total);
      for (Tally t : tallies) {
        System.arraycopy(t.latencies, 0, all.latencies, all.count, t.count);
        all.count += t.count;
        all.events += t.events;
        all.errors += t.errors;
        all.errorsOutsideWindow += t.errorsOutsideWindow;
        if (all.firstError == null) {
          all.firstError = t.firstError;
        }
        t.mix.forEach((kind, n) -> all.mix.merge(kind, n, Long::sum));
      }
      Arrays.sort(all.latencies, 0, all.count);
      return all;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
      long left;
      while ((left = nanoTime - System.nanoTime()) > 0) {
        Thread.sleep(Math.min(1_000, Math.max(1, left / 1_000_000)));
      }
    }
  }

  static double percentileMillis(Tally tally, double p) {
    if (tally.count == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100.0 * tally.count) - 1;
    return tally.latencies[Math.max(0, Math.min(tally.count - 1, index))] / 1e6;
  }

  static Map<String, Long> sortedMix(Tally tally) {
    Map<String, Long> sorted = new LinkedHashMap<>();
    tally.mix.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
