package dev.kairos.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Kairos's appenders' lock (an advisory lock every append takes), held from a test's own connection
 * so that a batch waits inside the server, mid-request, until the test lets it go.
 */
public final class AppendLock {
  private static final long KEY = 0x4b4149524f5341L; // "KAIROSA", as EventLog takes it

  private AppendLock() {}

  /** Takes the lock in a transaction of {@code c}; {@code c.rollback()} releases it. */
  public static void hold(Connection c) throws SQLException {
    c.setAutoCommit(false);
    c.createStatement().execute("select pg_advisory_xact_lock(" + KEY + ")");
  }

  /** Whether some session waits for an advisory lock (the batch held up by {@link #hold}). */
  public static boolean awaited(Connection c) {
    try (ResultSet rs =
        c.createStatement()
            .executeQuery(
                "select count(*) from pg_locks where locktype = 'advisory' and not granted")) {
      rs.next();
      return rs.getLong(1) > 0;
    } catch (SQLException e) {
      return false;
    }
  }
}
