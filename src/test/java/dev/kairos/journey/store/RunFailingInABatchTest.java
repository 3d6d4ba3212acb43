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
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A batch executes without savepoints and writes its moves and traces at once; a run that fails
 * outside the database (here its condition throws) sends the batch back to be executed run by run:
 * that run alone ends failed with its reason traced, the message it had queued before failing is
 * undone, and every other run of the batch completes with one message and a full trace.
 */
class RunFailingInABatchTest {
  @Test
  void a_run_failing_in_a_batch_fails_alone_and_its_queued_message_is_undone() throws Exception {
    SettableClock clock = new SettableClock(Instant.parse("2026-03-02T12:00:00Z"));
    try (Database db = TestDatabase.fresh()) {
      var document =
          Json.MAPPER.readTree(
              """
          {"key": "batch", "trigger": {"event": "Signed Up"}, "start": "wait",
           "steps": {"wait": {"type": "delay", "duration": "P1D", "next": "hello"},
                     "hello": {"type": "send", "channel": "email", "template": "hi", "next": "check"},
                     "check": {"type": "condition", "condition": {"trait": "plan", "op": "exists"},
                               "yes": "exit", "no": "exit"}}}""");
      JourneyStore store = new JourneyStore(db, Json.MAPPER, clock);
      store.saveDraft(
          ((Reading.Valid) DefinitionReader.read(document)).definition(), document, true);
      store.publish("batch");
      List<UUID> people =
          db.inTransaction(
              c ->
                  Sql.list(
                      c,
                      "with p as (insert into profiles (id, created_at, updated_at)"
                          + " select gen_random_uuid(), ?, ? from generate_series(1, 20) returning id),"
                          + " r as (insert into journey_runs (id, journey_key, version, profile_id,"
                          + " status, step, waiting, due_at, entered_at) select gen_random_uuid(),"
                          + " 'batch', 1, id, 'active', 'wait', true, ?, ? from p returning profile_id)"
                          + " select profile_id from r",
                      rs -> Sql.uuid(rs, "profile_id"),
                      Sql.timestamp(clock.instant()),
                      Sql.timestamp(clock.instant()),
                      Sql.timestamp(clock.instant()),
                      Sql.timestamp(clock.instant())));
      UUID unlucky = people.get(7);
      JourneyEngine engine =
          new JourneyEngine(
              db,
              store,
              (id, condition, now) -> {
                if (id.equals(unlucky)) {
                  throw new IllegalStateException("the evaluator broke on this person");
                }
                return new ConditionResult.Holds(true, "plan exists");
              },
              new OutboxStore(db),
              ZoneOffset.UTC,
              clock,
              500);

      assertThat(engine.runAllDue()).isEqualTo(20);

      assertThat(count(db, "select count(*) from journey_runs where status = 'completed'"))
          .isEqualTo(19);
      assertThat(
              texts(
                  db,
                  "select status || ': ' || end_reason from journey_runs where profile_id = ?",
                  unlucky))
          .containsExactly("failed: step wait failed: the evaluator broke on this person");
      assertThat(count(db, "select count(*) from messages")).isEqualTo(19);
      assertThat(
              count(
                  db,
                  "select count(*) from messages m join journey_runs r on r.id = m.run_id"
                      + " where r.status = 'failed'"))
          .isZero();
      // each completed run's trace: delay waited, send queued, condition yes, in that order
      assertThat(
              texts(
                  db,
                  "select distinct string_agg(t.type || '/' || t.outcome, ' ' order by t.seq)"
                      + " from journey_trace t join journey_runs r on r.id = t.run_id"
                      + " where r.status = 'completed' group by t.run_id"))
          .containsExactly("delay/waited send/queued condition/yes");
    }
  }

  static List<String> texts(Database db, String sql, Object... parameters) {
    List<String> texts = db.read(c -> Sql.list(c, sql, rs -> rs.getString(1), parameters));
    return texts;
  }

  static long count(Database db, String sql) {
    return db.read(c -> Sql.list(c, sql, rs -> rs.getLong(1))).get(0);
  }
}
