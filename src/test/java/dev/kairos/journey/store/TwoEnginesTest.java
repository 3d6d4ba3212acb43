package dev.kairos.journey.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.delivery.store.OutboxStore;
import dev.kairos.journey.ConditionResult;
import dev.kairos.journey.DefinitionReader;
import dev.kairos.journey.Reading;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import dev.kairos.platform.http.Json;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestDatabase;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Two engine nodes on one database share 10,000 due steps through their row claims: every run is
 * executed, none twice (each run's trace has its step once, and the outbox one row per run).
 */
class TwoEnginesTest {
  static final int RUNS = 10_000;

  @Test
  void two_engines_execute_ten_thousand_due_steps_with_none_missing_and_none_duplicated()
      throws Exception {
    String url = TestDatabase.freshUrl();
    SettableClock clock = new SettableClock(Instant.parse("2026-03-02T12:00:00Z"));
    try (Database a = Database.connect(url, "postgres", TestDatabase.password(), 4);
        Database b = Database.connect(url, "postgres", TestDatabase.password(), 4)) {
      a.migrate();
      var document =
          Json.MAPPER.readTree(
              """
          {"key": "burst", "trigger": {"event": "Signed Up"}, "start": "wait",
           "steps": {"wait": {"type": "delay", "duration": "P1D", "next": "hello"},
                     "hello": {"type": "send", "channel": "email", "template": "hi", "next": "exit"}}}""");
      JourneyStore store = new JourneyStore(a, Json.MAPPER, clock);
      store.saveDraft(
          ((Reading.Valid) DefinitionReader.read(document)).definition(), document, true);
      store.publish("burst");
      a.inTransaction(
          c ->
              Sql.update(
                  c,
                  "with p as (insert into profiles (id, created_at, updated_at)"
                      + " select gen_random_uuid(), ?, ? from generate_series(1, ?) returning id)"
                      + " insert into journey_runs (id, journey_key, version, profile_id, status,"
                      + " step, waiting, due_at, entered_at) select gen_random_uuid(), 'burst', 1,"
                      + " id, 'active', 'wait', true, ?, ? from p",
                  Sql.timestamp(clock.instant()),
                  Sql.timestamp(clock.instant()),
                  RUNS,
                  Sql.timestamp(clock.instant()),
                  Sql.timestamp(clock.instant())));

      JourneyEngine one = engine(a, clock);
      JourneyEngine two = engine(b, clock);
      ExecutorService nodes = Executors.newFixedThreadPool(2);
      CompletableFuture<Integer> byOne = CompletableFuture.supplyAsync(one::runAllDue, nodes);
      CompletableFuture<Integer> byTwo = CompletableFuture.supplyAsync(two::runAllDue, nodes);
      int executed = byOne.get() + byTwo.get();
      nodes.shutdown();
      executed +=
          one.runAllDue(); // a claim that saw only rows the other held may have stopped early

      assertThat(executed).isEqualTo(RUNS);
      assertThat(byOne.get()).isPositive();
      assertThat(byTwo.get()).isPositive();
      List<Long> counts =
          a.read(
                  c ->
                      Sql.list(
                          c,
                          "select (select count(*) from journey_runs where status = 'completed'),"
                              + " (select count(*) from messages),"
                              + " (select count(*) from (select run_id from journey_trace"
                              + "   where type = 'send' group by run_id having count(*) > 1) d),"
                              + " (select count(distinct run_id) from journey_trace where type = 'delay')",
                          rs ->
                              List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))))
              .get(0);
      assertThat(counts).containsExactly((long) RUNS, (long) RUNS, 0L, (long) RUNS);
    }
  }

  static JourneyEngine engine(Database db, SettableClock clock) {
    JourneyStore store = new JourneyStore(db, Json.MAPPER, clock);
    return new JourneyEngine(
        db,
        store,
        (id, condition, now) -> new ConditionResult.Holds(false, "no conditions here"),
        new OutboxStore(db),
        ZoneOffset.UTC,
        clock,
        200);
  }
}
