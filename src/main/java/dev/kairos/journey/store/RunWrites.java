package dev.kairos.journey.store;

import dev.kairos.journey.Run;
import dev.kairos.journey.TraceEntry;
import dev.kairos.platform.db.Sql;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A batch's run moves and trace rows, kept in memory while the batch executes and written with one
 * statement each ({@link #flush}) in the claiming transaction, so they commit with the steps'
 * effects exactly as single writes would, at two round trips per batch instead of two per step.
 */
final class RunWrites {
  private record TraceRow(UUID run, TraceEntry entry, Instant at) {}

  private record RunRow(
      Run run,
      String status,
      String step,
      boolean waiting,
      String waitingFor,
      Instant due,
      String reason,
      Instant endedAt,
      BigDecimal revenue) {}

  private final RunStore store;
  private final List<TraceRow> traces = new ArrayList<>();
  private final Map<UUID, RunRow> runs = new LinkedHashMap<>();

  RunWrites(RunStore store) {
    this.store = store;
  }

  void trace(UUID run, TraceEntry entry, Instant at) {
    traces.add(new TraceRow(run, entry, at));
  }

  void moveTo(Run run, String step, boolean waiting, String waitingFor, Instant due) {
    runs.put(run.id(), new RunRow(run, "active", step, waiting, waitingFor, due, null, null, null));
  }

  void end(Run run, String status, String reason, Instant now, BigDecimal revenue) {
    runs.put(
        run.id(), new RunRow(run, status, run.step(), false, null, null, reason, now, revenue));
  }

  /** Writes the batch: its trace rows in order, then every run's new state. */
  void flush(Connection c) throws SQLException {
    if (!traces.isEmpty()) {
      Sql.update(
          c,
          "insert into journey_trace (run_id, step, type, at, outcome, detail)"
              + " select r, s, t, a::timestamptz, o, d::jsonb"
              + " from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
              + " with ordinality as u(r, s, t, a, o, d, n) order by n",
          Sql.uuids(c, traces.stream().map(TraceRow::run).toList()),
          texts(c, traces.stream().map(t -> t.entry().step()).toList()),
          texts(c, traces.stream().map(t -> t.entry().type()).toList()),
          texts(c, traces.stream().map(t -> t.at().toString()).toList()),
          texts(c, traces.stream().map(t -> t.entry().outcome()).toList()),
          texts(c, traces.stream().map(t -> store.json(t.entry().detail())).toList()));
      traces.clear();
    }
    if (!runs.isEmpty()) {
      List<RunRow> rows = List.copyOf(runs.values());
      Sql.update(
          c,
          "update journey_runs r set status = u.status,"
              + " step = case when u.status = 'active' then u.step else r.step end,"
              + " waiting = u.waiting, waiting_for = u.waiting_for, due_at = u.due::timestamptz,"
              + " end_reason = coalesce(u.reason, r.end_reason),"
              + " ended_at = coalesce(u.ended::timestamptz, r.ended_at),"
              + " revenue = coalesce(u.revenue::numeric, r.revenue), context = u.context::jsonb"
              + " from unnest(?::uuid[], ?::text[], ?::text[], ?::boolean[], ?::text[], ?::text[],"
              + " ?::text[], ?::text[], ?::text[], ?::text[])"
              + " as u(id, status, step, waiting, waiting_for, due, reason, ended, revenue, context)"
              + " where r.id = u.id",
          Sql.uuids(c, rows.stream().map(r -> r.run().id()).toList()),
          texts(c, rows.stream().map(RunRow::status).toList()),
          texts(c, rows.stream().map(RunRow::step).toList()),
          c.createArrayOf("boolean", rows.stream().map(RunRow::waiting).toArray(Boolean[]::new)),
          texts(c, rows.stream().map(RunRow::waitingFor).toList()),
          texts(c, rows.stream().map(r -> text(r.due())).toList()),
          texts(c, rows.stream().map(RunRow::reason).toList()),
          texts(c, rows.stream().map(r -> text(r.endedAt())).toList()),
          texts(
              c,
              rows.stream()
                  .map(r -> r.revenue() == null ? null : r.revenue().toPlainString())
                  .toList()),
          texts(c, rows.stream().map(r -> store.json(r.run().context())).toList()));
      runs.clear();
    }
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static java.sql.Array texts(Connection c, List<String> values) throws SQLException {
    return Sql.texts(c, values);
  }
}
