package dev.kairos.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One sender's batches: generated before the run (untimed), so that the load generator spends its
 * CPU on HTTP and not on building JSON while the server is measured. When the pre-generated batches
 * run out, the sender goes on generating from the same {@link ShopTraffic}, so each person's events
 * stay in order; those live batches are counted, because they cost CPU in the measured period.
 */
final class SenderBatches {
  private final ShopTraffic traffic;
  private final int batchSize;
  private final List<ShopTraffic.Batch> ready;
  private int next;
  private long live;
  private long liveInPeriod;

  private SenderBatches(ShopTraffic traffic, int batchSize, List<ShopTraffic.Batch> ready) {
    this.traffic = traffic;
    this.batchSize = batchSize;
    this.ready = ready;
  }

  /** The next batch, pre-generated if any is left, else generated now. */
  ShopTraffic.Batch next(long measureFrom, long measureTo) {
    if (next < ready.size()) {
      return ready.get(next++);
    }
    long now = System.nanoTime();
    live++;
    if (now >= measureFrom && now < measureTo) {
      liveInPeriod++;
    }
    return traffic.next(batchSize);
  }

  long liveBatches() {
    return live;
  }

  long liveBatchesInPeriod() {
    return liveInPeriod;
  }

  /**
   * What was generated before the run: events and body bytes, how long it took, and how many events
   * were wanted (fewer were generated when the memory budget ran out first).
   */
  record Pregeneration(
      long events, long bytes, double seconds, int threads, long wantedEvents, long budgetBytes) {
    boolean limitedByMemory() {
      return events < wantedEvents;
    }
  }

  /** The senders' batches and what generating them took. */
  record Prepared(List<SenderBatches> senders, Pregeneration pregeneration) {}

  /**
   * Generates the senders' batches for the warm-up and the measured period at the rate ceiling (no
   * more than the run's bound on events, nor bodies beyond its memory bound), and says what it
   * took.
   */
  static Prepared forRun(IngestBenchmark.Options options, ObjectMapper mapper) throws Exception {
    int seconds = options.warmupSeconds() + options.durationSeconds();
    long wanted = Math.min(options.maxEvents(), (long) options.rateCeiling() * seconds);
    System.out.printf(
        "pre-generating batches for %,d events/s over %d s (%,d events, at most %,d MB) …%n",
        options.rateCeiling(), seconds, wanted, options.pregenMegabytes());
    Prepared prepared =
        pregenerate(
            mapper,
            options.seed(),
            options.senders(),
            options.people(),
            options.batch(),
            wanted,
            options.pregenMegabytes() << 20);
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
   * or fewer when a sender's share of {@code budgetBytes} of bodies is used up.
   */
  static Prepared pregenerate(
      ObjectMapper mapper,
      long seed,
      int senders,
      int people,
      int batchSize,
      long wantedEvents,
      long budgetBytes)
      throws Exception {
    long batchesPerSender = Math.max(0, ceilDiv(ceilDiv(wantedEvents, senders), batchSize));
    long bytesPerSender = budgetBytes / senders;
    int threads = Math.max(1, Math.min(senders, Runtime.getRuntime().availableProcessors()));
    long start = System.nanoTime();
    List<SenderBatches> prepared = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<SenderBatches>> futures = new ArrayList<>();
      for (int i = 0; i < senders; i++) {
        ShopTraffic traffic = new ShopTraffic(mapper, seed, i, senders, people);
        futures.add(
            pool.submit(() -> generate(traffic, batchSize, batchesPerSender, bytesPerSender)));
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
      for (ShopTraffic.Batch batch : sender.ready) {
        events += batch.size();
        bytes += batch.body().length;
      }
    }
    return new Prepared(
        prepared,
        new Pregeneration(
            events, bytes, seconds, threads, batchesPerSender * batchSize * senders, budgetBytes));
  }

  private static SenderBatches generate(
      ShopTraffic traffic, int batchSize, long batches, long budgetBytes) {
    List<ShopTraffic.Batch> ready = new ArrayList<>((int) Math.min(batches, 1_000_000));
    long bytes = 0;
    while (ready.size() < batches && bytes < budgetBytes) {
      ShopTraffic.Batch batch = traffic.next(batchSize);
      ready.add(batch);
      bytes += batch.body().length;
    }
    return new SenderBatches(traffic, batchSize, ready);
  }

  private static long ceilDiv(long x, long y) {
    return -Math.floorDiv(-x, y);
  }
}
