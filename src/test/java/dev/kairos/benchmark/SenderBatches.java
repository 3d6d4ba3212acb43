package dev.kairos.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One sender's batches, as complete HTTP requests: generated before the run (untimed), so that the
 * load generator spends its CPU on sending and not on building JSON while the server is measured.
 * When the pre-generated batches run out, the sender goes on generating from the same {@link
 * ShopTraffic}, so each person's events stay in order; those live batches are counted, because they
 * cost CPU in the measured period.
 */
final class SenderBatches {
  private static final String PATH = "/v1/batch";

  /** A batch as a request to write in one go: head and body, the body's size and its events. */
  record Request(byte[] bytes, int bodyBytes, int events, Map<String, Integer> mix) {}

  private final ShopTraffic traffic;
  private final HttpConnection.Target target;
  private final int batchSize;
  private final List<Request> ready;
  private int next;
  private long live;
  private long liveInPeriod;

  private SenderBatches(
      ShopTraffic traffic, HttpConnection.Target target, int batchSize, List<Request> ready) {
    this.traffic = traffic;
    this.target = target;
    this.batchSize = batchSize;
    this.ready = ready;
  }

  /** The next batch, pre-generated if any is left, else generated now. */
  Request next(long measureFrom, long measureTo) {
    if (next < ready.size()) {
      Request request = ready.get(next);
      ready.set(next++, null); // sent: let it go
      return request;
    }
    long now = System.nanoTime();
    live++;
    if (now >= measureFrom && now < measureTo) {
      liveInPeriod++;
    }
    return request(traffic, target, batchSize);
  }

  long liveBatches() {
    return live;
  }

  long liveBatchesInPeriod() {
    return liveInPeriod;
  }

  private static Request request(ShopTraffic traffic, HttpConnection.Target target, int size) {
    ShopTraffic.Batch batch = traffic.next(size);
    return new Request(
        target.post(PATH, batch.body()), batch.body().length, batch.size(), batch.mix());
  }

  /**
   * What was generated before the run: events and body bytes, how long it took, what it was for
   * ({@code plan}), and how many events were wanted (fewer were generated when the memory budget
   * ran out first).
   */
  record Pregeneration(
      String plan,
      long events,
      long bytes,
      double seconds,
      int threads,
      long wantedEvents,
      long budgetBytes) {
    boolean limitedByMemory() {
      return events < wantedEvents;
    }
  }

  /** The senders' batches and what generating them took. */
  record Prepared(List<SenderBatches> senders, Pregeneration pregeneration) {}

  /**
   * Generates the senders' batches for all phases of the run, each at its rate (closed loop: the
   * rate ceiling), no more than the run's bound on events nor bodies beyond its memory bound, and
   * says what it took.
   */
  static Prepared forRun(
      IngestBenchmark.Options options, ObjectMapper mapper, HttpConnection.Target target)
      throws Exception {
    long wanted = Math.min(options.maxEvents(), options.pregeneratedEvents());
    System.out.printf(
        "pre-generating batches for %s (%,d events, at most %,d MB) …%n",
        options.pregenerationPlan(), wanted, options.pregenMegabytes());
    Prepared prepared =
        pregenerate(mapper, target, options, wanted, options.pregenMegabytes() << 20);
    Pregeneration p = prepared.pregeneration();
    System.out.printf(
        "pre-generated %,d events (%,.0f MB) in %.1f s on %d threads%s%n",
        p.events(),
        p.bytes() / 1e6,
        p.seconds(),
        p.threads(),
        p.limitedByMemory()
            ? String.format(" (the memory bound stopped it short of %,d)", p.wantedEvents())
            : "");
    System.gc(); // the generation's garbage, before the warm-up rather than in it
    return prepared;
  }

  /**
   * Generates, for each sender in parallel, the batches of {@code wantedEvents / senders} events,
   * or fewer when a sender's share of {@code budgetBytes} of requests is used up.
   */
  static Prepared pregenerate(
      ObjectMapper mapper,
      HttpConnection.Target target,
      IngestBenchmark.Options options,
      long wantedEvents,
      long budgetBytes)
      throws Exception {
    int senders = options.senders();
    int batchSize = options.batch();
    long batchesPerSender = Math.max(0, ceilDiv(ceilDiv(wantedEvents, senders), batchSize));
    long bytesPerSender = budgetBytes / senders;
    int threads = Math.max(1, Math.min(senders, Runtime.getRuntime().availableProcessors()));
    long start = System.nanoTime();
    List<SenderBatches> prepared = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<SenderBatches>> futures = new ArrayList<>();
      for (int i = 0; i < senders; i++) {
        ShopTraffic traffic = new ShopTraffic(mapper, options.seed(), i, senders, options.people());
        futures.add(
            pool.submit(
                () -> generate(traffic, target, batchSize, batchesPerSender, bytesPerSender)));
      }
      for (Future<SenderBatches> future : futures) {
        prepared.add(future.get());
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long events = 0;
    long bytes = 0;
    for (SenderBatches sender : prepared) {
      for (Request request : sender.ready) {
        events += request.events();
        bytes += request.bytes().length;
      }
    }
    return new Prepared(
        prepared,
        new Pregeneration(
            options.pregenerationPlan(),
            events,
            bytes,
            seconds,
            threads,
            batchesPerSender * batchSize * senders,
            budgetBytes));
  }

  private static SenderBatches generate(
      ShopTraffic traffic,
      HttpConnection.Target target,
      int batchSize,
      long batches,
      long budgetBytes) {
    List<Request> ready = new ArrayList<>((int) Math.min(batches, 1_000_000));
    long bytes = 0;
    while (ready.size() < batches && bytes < budgetBytes) {
      Request request = request(traffic, target, batchSize);
      ready.add(request);
      bytes += request.bytes().length;
    }
    return new SenderBatches(traffic, target, batchSize, ready);
  }

  private static long ceilDiv(long x, long y) {
    return -Math.floorDiv(-x, y);
  }
}
