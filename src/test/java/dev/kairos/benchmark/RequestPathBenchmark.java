package dev.kairos.benchmark;

import dev.kairos.identity.IdentifierNormaliser;
import dev.kairos.identity.IdentifierRules;
import dev.kairos.ingest.CallParser;
import dev.kairos.ingest.ParsedCall;
import dev.kairos.ingest.TrackedEvent;
import dev.kairos.ingest.store.EventLog;
import dev.kairos.platform.http.Json;
import dev.kairos.profile.store.EventApplier;
import dev.kairos.profile.store.ProfileStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The CPU a request thread spends per event, without HTTP or the database: parsing and validating
 * the benchmark's batches ({@link CallParser}), building each event's log row and the processor's
 * prepared part. One thread, so the figure is µs of one core per event. Run with {@code exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.kairos.benchmark.RequestPathBenchmark}.
 */
public final class RequestPathBenchmark {
  private RequestPathBenchmark() {}

  public static void main(String[] args) {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    List<byte[]> bodies = new ArrayList<>();
    ShopTraffic traffic = new ShopTraffic(Json.MAPPER, 42, 0, 1, 20_000);
    long eventsPerRound = 0;
    for (int i = 0; i < 200; i++) {
      ShopTraffic.Batch batch = traffic.next(100);
      bodies.add(batch.body());
      eventsPerRound += batch.size();
    }
    Clock clock = Clock.systemUTC();
    CallParser parser = new CallParser(Json.MAPPER, clock);
    IdentifierRules rules =
        new IdentifierRules(
            new IdentifierNormaliser(null),
            IdentifierRules.parse(IdentifierRules.DEFAULT_EXTRA_KINDS));
    EventApplier applier = new EventApplier(rules, new ProfileStore(Json.MAPPER), clock, "bench");
    long sink = 0;
    for (int phase = 0; phase < 2; phase++) {
      long events = 0;
      long parseNanos = 0;
      long prepareNanos = 0;
      long end = System.nanoTime() + (phase == 0 ? 5 : seconds) * 1_000_000_000L;
      while (System.nanoTime() < end) {
        for (byte[] body : bodies) {
          long t0 = System.nanoTime();
          ParsedCall.Events call = (ParsedCall.Events) parser.parseBatch(body);
          long t1 = System.nanoTime();
          for (TrackedEvent event : call.events()) {
            sink += EventLog.row(event).head().length;
            sink += applier.prepare(event).identifiers().size();
          }
          long t2 = System.nanoTime();
          parseNanos += t1 - t0;
          prepareNanos += t2 - t1;
          events += call.events().size();
        }
      }
      if (phase == 1) {
        System.out.printf(
            "per event: parse and validate %.1f µs, log row and prepare %.1f µs (%d events, %d per"
                + " round)%n",
            parseNanos / 1e3 / events, prepareNanos / 1e3 / events, events, eventsPerRound);
      }
    }
    System.out.println("(" + sink + ")");
  }
}
