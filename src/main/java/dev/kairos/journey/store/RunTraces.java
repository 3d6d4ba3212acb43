package dev.kairos.journey.store;

import dev.kairos.journey.TraceEntry;
import dev.kairos.platform.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Adds to a run's trace from downstream (delivery records what became of a step's message: sent,
 * deferred by quiet hours until when, capped by which rule, suppressed because).
 */
public final class RunTraces {
  private RunTraces() {}

  public static void record(Connection c, UUID runId, TraceEntry entry, Instant at)
      throws SQLException {
    Sql.update(
        c,
        "insert into journey_trace (run_id, step, type, at, outcome, detail)"
            + " values (?, ?, ?, ?, ?, ?::jsonb)",
        runId,
        entry.step(),
        entry.type(),
        Sql.timestamp(at),
        entry.outcome(),
        entry.detail().toString());
  }
}
