package dev.kairos.benchmark;

import dev.kairos.delivery.store.OutboxStore;
import dev.kairos.journey.ConditionResult;
import dev.kairos.journey.DefinitionReader;
import dev.kairos.journey.Reading;
import dev.kairos.journey.store.JourneyEngine;
import dev.kairos.journey.store.JourneyStore;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import dev.kairos.platform.http.Json;
import dev.kairos.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Due journey steps executed per second: {@code people} runs wait in a delay that comes due for all
 * of them at once (then exit), and one engine (the production batch of 500, one node) executes them
 * all on the embedded PostgreSQL of this machine. Arguments: {@code people=N} (default 200,000),
 * {@code batch=N} (runs claimed per transaction; default 500, the production setting).
 */
public final class JourneyStepsBenchmark {
  public static void main(String[] args) {
    int people = 200_000;
    int batch = 500;
    for (String arg : args) {
      if (arg.startsWith("people=")) {
        people = Integer.parseInt(arg.substring(7));
      } else if (arg.startsWith("batch=")) {
        batch = Integer.parseInt(arg.substring(6));
      }
    }
    Database db = TestDatabase.fresh();
    Clock clock = Clock.systemUTC();
    try {
      var document =
          Json.MAPPER.readTree(
              "{\"key\": \"bench\", \"trigger\": {\"event\": \"B\"},"
                  + " \"start\": \"wait\", \"steps\": {\"wait\": {\"type\": \"delay\", \"duration\": \"P1D\","
                  + " \"next\": \"exit\"}}}");
      JourneyStore store = new JourneyStore(db, Json.MAPPER, clock);
      store.saveDraft(
          ((Reading.Valid) DefinitionReader.read(document)).definition(), document, true);
      store.publish("bench");
      Instant due = clock.instant();
      int n = people;
      db.inTransaction(
          c ->
              Sql.update(
                  c,
                  "with p as (insert into profiles (id, created_at, updated_at)"
                      + " select gen_random_uuid(), ?, ? from generate_series(1, ?) returning id)"
                      + " insert into journey_runs (id, journey_key, version, profile_id, status, step, waiting,"
                      + " due_at, entered_at) select gen_random_uuid(), 'bench', 1, id, 'active', 'wait', true,"
                      + " ?, ? from p",
                  Sql.timestamp(due),
                  Sql.timestamp(due),
                  n,
                  Sql.timestamp(due),
                  Sql.timestamp(due)));
      db.read(c -> Sql.update(c, "analyze journey_runs"));
      JourneyEngine engine =
          new JourneyEngine(
              db,
              store,
              (id, condition, now) -> new ConditionResult.Holds(false, "no conditions here"),
              new OutboxStore(db),
              ZoneOffset.UTC,
              clock,
              batch);
      long start = System.nanoTime();
      int executed = engine.runAllDue();
      double seconds = (System.nanoTime() - start) / 1e9;
      double perSecond = executed / seconds;
      String body =
          String.format(
              "| due delays | batch | executed | seconds | steps/s |%n"
                  + "|---|---|---|---|---|%n| %,d | %,d | %,d | %.1f | %,.0f |%n%n"
                  + "One engine node, batches claimed with `FOR UPDATE SKIP LOCKED`; each step completes"
                  + " the delay and ends the run; the batch's trace rows and run updates are written"
                  + " with one statement each, in the claiming transaction."
                  + " Target ≥ 5,000 steps/s.%n",
              people, batch, executed, seconds, perSecond);
      String[] load =
          java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
      body +=
          "The machine is shared: its load average (1, 5, 15 min) at the end was "
              + load[0]
              + ", "
              + load[1]
              + ", "
              + load[2]
              + ".\n";
      System.out.print(body);
      BenchmarkReport.write("journey-steps", "Journey steps executed", body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      db.close();
    }
  }
}
