package dev.kairos.journey.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.kairos.journey.JourneyDefinition;
import dev.kairos.journey.PersonConditions;
import dev.kairos.journey.Run;
import dev.kairos.journey.Step;
import dev.kairos.journey.StepRunner;
import dev.kairos.journey.TraceEntry;
import dev.kairos.journey.Transition;
import dev.kairos.platform.db.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes due steps. Each call claims a batch of due runs with {@code FOR UPDATE SKIP LOCKED} (so
 * nodes sharing the database never execute the same run at once) and, in the same transaction,
 * executes each run's steps until it waits or ends: the steps' effects (an outbox row, a trait, a
 * coupon) and the run's move commit together. A node that dies mid-batch loses its transaction;
 * PostgreSQL releases the rows when it sees the connection close, and the next claim by any node
 * takes them (docs/journeys.md, "Durability").
 */
public final class JourneyEngine {
  private static final Logger LOG = LoggerFactory.getLogger(JourneyEngine.class);

  /** Steps a run may take in one go before it yields (a loop of steps without a wait). */
  static final int MAX_STEPS_AT_ONCE = 50;

  private final Database database;
  private final JourneyStore journeys;
  private final RunStore runs;
  private final PersonConditions conditions;
  private final SendQueue sends;
  private final Clock clock;
  private final int batch;

  public JourneyEngine(
      Database database,
      JourneyStore journeys,
      PersonConditions conditions,
      SendQueue sends,
      java.time.ZoneId workspaceZone,
      Clock clock,
      int batch) {
    this.database = database;
    this.journeys = journeys;
    this.runs = new RunStore(dev.kairos.platform.http.Json.MAPPER, workspaceZone);
    this.conditions = conditions;
    this.sends = sends;
    this.clock = clock;
    this.batch = batch;
  }

  RunStore runs() {
    return runs;
  }

  /**
   * Claims and executes one batch of due runs; the number executed (0 when none was due). The batch
   * runs without savepoints and writes its moves and trace rows at once ({@link RunWrites}); if a
   * run fails outside the database, the whole batch is rolled back and executed again run by run,
   * each in its own savepoint, so that run alone fails and its partial effects are undone.
   */
  public int runDue() {
    Instant now = clock.instant();
    try {
      return database.inTransaction(
          c -> {
            List<Run> due = runs.claimDue(c, now, batch);
            RunWrites writes = new RunWrites(runs);
            for (Run run : due) {
              advanceInBatch(c, run, now, writes);
            }
            writes.flush(c);
            return due.size();
          });
    } catch (RunFailed e) {
      LOG.warn("a run failed in a batch; executing that batch run by run", e.getCause());
      return database.inTransaction(
          c -> {
            List<Run> due = runs.claimDue(c, now, batch);
            for (Run run : due) {
              advanceSafely(c, run, now);
            }
            return due.size();
          });
    }
  }

  private void advanceInBatch(Connection c, Run run, Instant now, RunWrites writes)
      throws SQLException {
    try {
      advance(c, run, now, writes);
    } catch (RunEffects.StepFault e) {
      throw e; // the database: retry the batch later
    } catch (RuntimeException e) {
      throw new RunFailed(e);
    }
  }

  /** A run of a batch failed outside the database (the batch is executed again run by run). */
  private static final class RunFailed extends RuntimeException {
    RunFailed(RuntimeException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** Executes due batches until none is left; the number of runs executed. */
  public int runAllDue() {
    int total = 0;
    for (int n = runDue(); n > 0; n = runDue()) {
      total += n;
    }
    return total;
  }

  /** Advances one run; a fault of this run alone fails the run instead of the batch. */
  void advanceSafely(Connection c, Run run, Instant now) throws SQLException {
    Savepoint savepoint = c.setSavepoint();
    try {
      RunWrites writes = new RunWrites(runs);
      advance(c, run, now, writes);
      writes.flush(c);
      c.releaseSavepoint(savepoint);
    } catch (RuntimeException e) {
      if (e instanceof RunEffects.StepFault) {
        throw e; // the database: retry the batch later
      }
      c.rollback(savepoint);
      LOG.error("journey {} run {} failed at step {}", run.journeyKey(), run.id(), run.step(), e);
      TraceEntry trace =
          new TraceEntry(
              run.step(),
              "error",
              "failed",
              JsonNodeFactory.instance.objectNode().put("reason", String.valueOf(e.getMessage())));
      runs.trace(c, run.id(), trace, now);
      runs.end(c, run, "failed", "step " + run.step() + " failed: " + e.getMessage(), now, null);
    }
  }

  /** Executes the run's steps from its current one until it waits or ends. */
  void advance(Connection c, Run run, Instant now, RunWrites writes) throws SQLException {
    JourneyDefinition journey = journeys.definition(c, run.journeyKey(), run.version());
    for (int i = 0; i < MAX_STEPS_AT_ONCE; i++) {
      Transition t =
          StepRunner.execute(journey, run, now, new RunEffects(c, run, now, conditions, sends));
      writes.trace(run.id(), t.trace(), now);
      if (t instanceof Transition.Wait w) {
        writes.moveTo(run, run.step(), true, w.event().orElse(null), w.until());
        return;
      } else if (t instanceof Transition.Fail f) {
        writes.end(run, "failed", f.trace().outcome(), now, null);
        return;
      }
      String next = ((Transition.Continue) t).next();
      if (next.equals(Step.EXIT)) {
        writes.end(run, "completed", "reached exit after " + run.step(), now, null);
        return;
      }
      run = withStep(run, next);
    }
    writes.moveTo(run, run.step(), false, null, now);
  }

  /** Moves a waiting run on along a transition taken outside a due step (an awaited event). */
  void continueWith(Connection c, Run run, Transition.Continue t, Instant now) throws SQLException {
    runs.trace(c, run.id(), t.trace(), now);
    if (t.next().equals(Step.EXIT)) {
      runs.end(c, run, "completed", "reached exit after " + run.step(), now, null);
      return;
    }
    advanceSafely(c, withStep(run, t.next()), now);
  }

  static Run withStep(Run run, String step) {
    return new Run(
        run.id(),
        run.journeyKey(),
        run.version(),
        run.profileId(),
        step,
        false,
        run.enteredAt(),
        run.trigger(),
        run.context(),
        run.zone());
  }
}
