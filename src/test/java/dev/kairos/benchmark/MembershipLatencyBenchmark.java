package dev.kairos.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kairos.testing.Trees;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Event → membership visible (architecture: p99 < 1 s at 10,000 events/s of steady ingest). Starts
 * {@code kairos serve} in its own JVM (built-in segments installed) with one probe segment {@code
 * {"trait": "probe", "op": "eq", "value": "yes"}}, sends background traffic to {@code /v1/batch} at
 * a fixed rate (open loop: a 100-event batch every 100 / rate seconds, at most {@code in-flight}
 * batches outstanding; Product Viewed 80 %, Product Added 15 %, Order Completed 5 %, from a pool of
 * known users and 5 % new anonymous visitors), and meanwhile probes: an identify of a new userId
 * with {@code probe: yes}, then {@code GET /api/profiles?identifier=…} and {@code GET
 * /api/profiles/{id}/segments} every 5 ms until the probe segment is listed. A probe's latency runs
 * from the identify's 2xx to that answer.
 *
 * <pre>
 * MAVEN_OPTS=-Xmx1g ./mvnw -q test-compile exec:java \
 *     -Dexec.mainClass=dev.kairos.benchmark.MembershipLatencyBenchmark \
 *     -Dexec.args="rate=10000 warmup=30 duration=60"
 * </pre>
 *
 * <p>Options: {@code rate} (events/s, 10,000), {@code warmup} (s, 30), {@code duration} (s, 60),
 * {@code probes} (per second, 5), {@code people} (20,000), {@code in-flight} (16), {@code report}
 * (true: rewrites the {@code membership-latency} section of docs/benchmarks.md).
 */
public final class MembershipLatencyBenchmark {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String WRITE_KEY = "bench-write-key";
  private static final String ADMIN = "Bearer bench-admin-token";

  private MembershipLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new HashMap<>();
    for (String arg : args) {
      String text = arg.startsWith("--") ? arg.substring(2) : arg;
      int eq = text.indexOf('=');
      o.put(text.substring(0, eq), text.substring(eq + 1));
    }
    int rate = Integer.parseInt(o.getOrDefault("rate", "10000"));
    int warmup = Integer.parseInt(o.getOrDefault("warmup", "30"));
    int duration = Integer.parseInt(o.getOrDefault("duration", "60"));
    double probes = Double.parseDouble(o.getOrDefault("probes", "5"));
    int people = Integer.parseInt(o.getOrDefault("people", "20000"));
    int inFlight = Integer.parseInt(o.getOrDefault("in-flight", "16"));
    boolean report = Boolean.parseBoolean(o.getOrDefault("report", "true"));
    String loadAtStart = SegmentBenchmark.loadAverage();
    Path home = Files.createTempDirectory("kairos-membership-bench");
    try (KairosProcess server = KairosProcess.start(home, WRITE_KEY, List.of())) {
      String base = "http://localhost:" + server.port();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> created =
          send(
              http,
              HttpRequest.newBuilder(URI.create(base + "/api/segments"))
                  .header("Authorization", ADMIN)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"key\":\"probe\",\"name\":\"Probe\",\"condition\":{\"trait\":"
                              + "\"probe\",\"op\":\"eq\",\"value\":\"yes\"}}"))
                  .build());
      if (created.statusCode() != 201) {
        throw new IllegalStateException("creating the probe segment: " + created.body());
      }
      Background load = new Background(http, base, rate, people, inFlight);
      Thread sender = new Thread(load::run, "background-load");
      sender.setDaemon(true);
      sender.start();
      long measureFrom = System.nanoTime() + warmup * 1_000_000_000L;
      long end = measureFrom + duration * 1_000_000_000L;
      List<Double> latencies = new ArrayList<>();
      List<Double> applied = new ArrayList<>();
      List<Double> evaluated = new ArrayList<>();
      long acceptedAtStart = -1;
      int probe = 0;
      long gap = (long) (1_000_000_000L / probes);
      long next = System.nanoTime();
      while (System.nanoTime() < end) {
        if (acceptedAtStart < 0 && System.nanoTime() >= measureFrom) {
          acceptedAtStart = load.accepted.get();
        }
        double[] ms = probe(http, base, "probe-" + probe++);
        if (System.nanoTime() >= measureFrom) {
          latencies.add(ms[1]);
          applied.add(ms[0]);
          evaluated.add(ms[1] - ms[0]);
        }
        next += gap;
        long sleep = next - System.nanoTime();
        if (sleep > 0) {
          Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
        }
      }
      double achieved = (load.accepted.get() - acceptedAtStart) / (double) duration;
      load.stop = true;
      Collections.sort(latencies);
      Collections.sort(applied);
      Collections.sort(evaluated);
      String body =
          String.format(
              "`MembershipLatencyBenchmark rate=%d warmup=%d duration=%d`: `kairos serve` in its"
                  + " own JVM (embedded PostgreSQL, the 31 built-in segments and the probe"
                  + " segment); background `/v1/batch` traffic offered at %,d events/s (open"
                  + " loop, ≤ %d batches in flight), achieved %,.0f events/s (2xx) in the"
                  + " measured %d s, %,d errors; %d probes (an identify of a new person with"
                  + " `probe: yes`, polled every 5 ms through the profile's segments).%n%n"
                  + "| event → membership visible | p50 | p90 | p99 | max |%n|---|---:|---:|---:|---:|%n"
                  + "| at %,d events/s offered | %.0f ms | %.0f ms | %.0f ms | %.0f ms |%n"
                  + "| of which until the profile is found (the event applied) | %.0f ms | %.0f ms"
                  + " | %.0f ms | %.0f ms |%n"
                  + "| of which from then to the membership (segments evaluated) | %.0f ms"
                  + " | %.0f ms | %.0f ms | %.0f ms |%n%n"
                  + "Target p99 < 1 s. **Shared machine**: 2 cores, 8 engineers; load average"
                  + " (1, 5, 15 min) %s at the start, %s at the end.%n",
              rate,
              warmup,
              duration,
              rate,
              inFlight,
              achieved,
              duration,
              load.errors.get(),
              latencies.size(),
              rate,
              pct(latencies, 0.50),
              pct(latencies, 0.90),
              pct(latencies, 0.99),
              latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1),
              pct(applied, 0.50),
              pct(applied, 0.90),
              pct(applied, 0.99),
              applied.isEmpty() ? 0 : applied.get(applied.size() - 1),
              pct(evaluated, 0.50),
              pct(evaluated, 0.90),
              pct(evaluated, 0.99),
              evaluated.isEmpty() ? 0 : evaluated.get(evaluated.size() - 1),
              loadAtStart,
              SegmentBenchmark.loadAverage());
      System.out.println(body);
      if (report) {
        BenchmarkReport.write("membership-latency", "Event → segment membership visible", body);
      }
    } finally {
      Trees.delete(home);
    }
  }

  /**
   * One probe: milliseconds from the identify's 2xx until the profile is found (the processor
   * applied it), and until the membership is in the API.
   */
  private static double[] probe(HttpClient http, String base, String userId) throws Exception {
    HttpResponse<String> sent =
        send(
            http,
            track(
                base,
                "/v1/identify",
                "{\"userId\":\"" + userId + "\",\"traits\":{\"probe\":\"yes\"}}"));
    if (sent.statusCode() / 100 != 2) {
      throw new IllegalStateException("identify: " + sent.statusCode() + " " + sent.body());
    }
    long from = System.nanoTime();
    String id = null;
    double appliedMs = 0;
    while (true) {
      if (id == null) {
        HttpResponse<String> found =
            send(http, admin(base, "/api/profiles?identifier=userId:" + userId));
        if (found.statusCode() == 200) {
          JsonNode body = MAPPER.readTree(found.body());
          JsonNode first = body.path("profiles").path(0);
          id = first.isMissingNode() ? body.path("id").asText(null) : first.path("id").asText(null);
          appliedMs = (System.nanoTime() - from) / 1e6;
        }
      }
      if (id != null) {
        HttpResponse<String> segments =
            send(http, admin(base, "/api/profiles/" + id + "/segments"));
        if (segments.statusCode() == 200 && segments.body().contains("\"key\":\"probe\"")) {
          return new double[] {appliedMs, (System.nanoTime() - from) / 1e6};
        }
      }
      if (System.nanoTime() - from > 120_000_000_000L) {
        return new double[] {appliedMs, 120_000};
      }
      Thread.sleep(5);
    }
  }

  /** The open-loop background traffic. */
  static final class Background {
    final HttpClient http;
    final String base;
    final int rate;
    final int people;
    final Semaphore slots;
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    volatile boolean stop;
    private final SplittableRandom random = new SplittableRandom(42);
    private long messages;

    Background(HttpClient http, String base, int rate, int people, int inFlight) {
      this.http = http;
      this.base = base;
      this.rate = rate;
      this.people = people;
      this.slots = new Semaphore(inFlight);
    }

    void run() {
      long gap = 100L * 1_000_000_000L / rate;
      long next = System.nanoTime();
      while (!stop) {
        if (slots.tryAcquire()) {
          http.sendAsync(track(base, "/v1/batch", batch()), HttpResponse.BodyHandlers.discarding())
              .whenComplete(
                  (r, e) -> {
                    slots.release();
                    if (e == null && r.statusCode() / 100 == 2) {
                      accepted.addAndGet(100);
                    } else {
                      errors.incrementAndGet();
                    }
                  });
        } else {
          errors.incrementAndGet(); // the server is behind: a batch not sent counts against it
        }
        next += gap;
        long sleep = next - System.nanoTime();
        if (sleep > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(sleep);
        }
      }
    }

    private String batch() {
      StringBuilder b = new StringBuilder(16_000).append("{\"batch\":[");
      for (int i = 0; i < 100; i++) {
        if (i > 0) {
          b.append(',');
        }
        double r = random.nextDouble();
        String who =
            random.nextDouble() < 0.05
                ? "\"anonymousId\":\"anon-" + messages + "\""
                : "\"userId\":\"user-" + random.nextInt(people) + "\"";
        String product = "sku-" + random.nextInt(500);
        b.append("{\"type\":\"track\",\"messageId\":\"bg-")
            .append(messages++)
            .append("\",")
            .append(who)
            .append(",\"event\":\"");
        if (r < 0.80) {
          b.append("Product Viewed\",\"properties\":{\"product_id\":\"").append(product);
          b.append("\",\"price\":12.5}}");
        } else if (r < 0.95) {
          b.append("Product Added\",\"properties\":{\"product_id\":\"").append(product);
          b.append("\",\"price\":12.5,\"quantity\":1}}");
        } else {
          b.append("Order Completed\",\"properties\":{\"order_id\":\"o-")
              .append(messages)
              .append("\",\"total\":25,\"products\":[{\"product_id\":\"")
              .append(product)
              .append("\",\"price\":12.5,\"quantity\":2}]}}");
        }
      }
      return b.append("]}").toString();
    }
  }

  private static HttpRequest track(String base, String path, String json) {
    String basic =
        Base64.getEncoder().encodeToString((WRITE_KEY + ":").getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Basic " + basic)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
  }

  private static HttpRequest admin(String base, String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", ADMIN).build();
  }

  private static HttpResponse<String> send(HttpClient http, HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static double pct(List<Double> sorted, double p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }
}
