package dev.kairos.intelligence.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kairos.intelligence.RecomputeRuns;
import dev.kairos.intelligence.RecomputeSummary;
import dev.kairos.platform.DatabaseException;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The record of recomputes ({@code profile_intelligence_runs}) and a session advisory lock that
 * lets one recompute run at a time across all nodes.
 */
public final class RecomputeRunStore implements RecomputeRuns {
  private static final long RECOMPUTE_LOCK = 0x4b41495253_0001L;

  private final Database database;
  private final ObjectMapper mapper;

  public RecomputeRunStore(Database database, ObjectMapper mapper) {
    this.database = database;
    this.mapper = mapper;
  }

  @Override
  public <T> T exclusively(Supplier<T> work) {
    try (Connection c = database.dataSource().getConnection()) {
      lock(c, "select pg_advisory_lock(?)");
      try {
        return work.get();
      } finally {
        lock(c, "select pg_advisory_unlock(?)");
      }
    } catch (SQLException e) {
      throw new DatabaseException("cannot take the recompute lock: " + e.getMessage(), e);
    }
  }

  private static void lock(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, RECOMPUTE_LOCK);
      ps.execute();
    }
  }

  @Override
  public Optional<Instant> lastRunAt() {
    return database.read(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "select max(coalesce(started_at, as_of)) from profile_intelligence_runs");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return Optional.ofNullable(Sql.instant(rs, "max"));
          }
        });
  }

  @Override
  public boolean fullRunDone() {
    return database.read(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "select exists (select 1 from profile_intelligence_runs"
                          + " where kind = 'full')");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
          }
        });
  }

  @Override
  public void record(RecomputeSummary summary) {
    String json = RecomputeSummaryJson.of(summary, mapper).toString();
    database.inTransaction(
        c ->
            Sql.update(
                c,
                "insert into profile_intelligence_runs (kind, as_of, started_at, changed_since,"
                    + " profiles, stage_changes, duration_ms, summary)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?::jsonb)",
                summary.kind().value(),
                Sql.timestamp(summary.asOf()),
                Sql.timestamp(summary.startedAt()),
                summary.changedSince().map(Sql::timestamp).orElse(null),
                summary.profiles(),
                summary.stageChanges(),
                summary.durationMillis(),
                json));
  }
}
