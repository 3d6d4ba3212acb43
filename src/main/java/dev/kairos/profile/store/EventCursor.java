package dev.kairos.profile.store;

import dev.kairos.platform.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * How far the log has been applied (table {@code event_cursor}, one row). Locking the row is the
 * processor's lock: one group of events at a time across all nodes, and operator actions on
 * profiles wait for the group in progress (and move {@code epoch} on, so the processor knows its
 * cache is stale).
 */
final class EventCursor {

  /** The cursor's position. */
  record Position(long appliedSeq, long epoch) {}

  static Position read(Connection c) throws SQLException {
    return position(c, "select applied_seq, epoch from event_cursor where id = 1");
  }

  /** Locks the cursor to the end of the transaction and reads it. */
  static Position lock(Connection c) throws SQLException {
    return position(c, "select applied_seq, epoch from event_cursor where id = 1 for update");
  }

  private static Position position(Connection c, String query) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(query);
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new IllegalStateException("the event_cursor row is missing");
      }
      return new Position(rs.getLong(1), rs.getLong(2));
    }
  }

  /** Locks the cursor for an operator action that changes profiles outside the processor. */
  static void lockForChange(Connection c) throws SQLException {
    Sql.update(c, "update event_cursor set epoch = epoch + 1 where id = 1");
  }

  static void advance(Connection c, long appliedSeq) throws SQLException {
    Sql.update(c, "update event_cursor set applied_seq = ? where id = 1", appliedSeq);
  }

  /** The first {@code seq} of the log after {@code after}, or -1 when there is none. */
  static long nextSeq(Connection c, long after) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select min(seq) from events where seq > ?")) {
      ps.setLong(1, after);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long seq = rs.getLong(1);
        return rs.wasNull() ? -1 : seq;
      }
    }
  }

  /** The last {@code seq} of the log. */
  static long lastSeq(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select coalesce(max(seq), 0) from events");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
