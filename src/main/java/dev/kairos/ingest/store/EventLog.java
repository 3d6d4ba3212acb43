package dev.kairos.ingest.store;

import dev.kairos.ingest.TrackedEvent;
import dev.kairos.platform.db.BinaryCopy;
import dev.kairos.platform.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.postgresql.util.PSQLException;

/** The append-only event log (table {@code events}). */
public final class EventLog {

  private static final long APPEND_LOCK = 0x4b4149524f5341L; // "KAIROSA"

  /** The constraint that refuses a repeated message id: an exclusion constraint on a hash index. */
  private static final String UNIQUE_MESSAGE_ID = "events_message_id_unique";

  private static final String EXCLUSION_VIOLATION = "23P01";

  /**
   * Takes the appenders' lock, held to the end of the transaction. Holding it, the caller appends
   * knowing no other node appends at the same time, so {@code seq} order is commit order across all
   * nodes: a reader of the log never sees an event before one with a lower {@code seq}.
   */
  public void lock(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
      ps.setLong(1, APPEND_LOCK);
      ps.execute();
    }
  }

  /** Which of these message ids are already stored (call it holding {@link #lock}). */
  public Set<String> findKnown(Connection c, Collection<String> messageIds) throws SQLException {
    Set<String> known = new HashSet<>();
    try (PreparedStatement ps =
        c.prepareStatement("select message_id from events where message_id = any(?::text[])")) {
      ps.setArray(1, Sql.texts(c, messageIds));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          known.add(rs.getString(1));
        }
      }
    }
    return known;
  }

  /** Whether an append failed because one of its message ids was already stored. */
  public static boolean isRepeatedMessageId(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof PSQLException p
          && EXCLUSION_VIOLATION.equals(p.getSQLState())
          && p.getServerErrorMessage() != null
          && UNIQUE_MESSAGE_ID.equals(p.getServerErrorMessage().getConstraint())) {
        return true;
      }
    }
    return false;
  }

  /**
   * An event as a row of {@code COPY}'s binary format: built on the request thread, so the one
   * writer only joins bytes, and PostgreSQL parses neither escapes nor timestamps.
   */
  public record Row(String messageId, byte[] head, byte[] payload) {}

  /** The {@code seq}s an append was given: the first and the last row's. */
  public record Range(long first, long last) {}

  public static Row row(TrackedEvent e) {
    byte[] head =
        new BinaryCopy.Row(8, 160)
            .text(e.messageId())
            .text(e.type().wireName())
            .text(e.name())
            .text(e.userId())
            .text(e.anonymousId())
            .timestamp(e.timestamp())
            .timestamp(e.receivedAt())
            .lengthOfNext(e.json().length) // then the event's own bytes, not a copy
            .bytes();
    return new Row(e.messageId(), head, e.json());
  }

  /**
   * Appends events in the given order with {@code COPY} (the cheapest way into PostgreSQL for both
   * sides: no array literal to build and parse, no plan) and returns the {@code seq}s of the first
   * and the last row. As only the holder of the lock of {@link #lock} draws from the sequence, the
   * others lie between without gaps, unless someone altered the sequence or wrote to the table
   * without the lock: the caller checks. It runs inside the caller's transaction; a message id
   * already stored fails it (see {@link #isRepeatedMessageId}).
   */
  public Range append(Connection c, List<Row> rows) throws SQLException {
    List<byte[][]> parts = new ArrayList<>(rows.size());
    for (Row row : rows) {
      parts.add(new byte[][] {row.head(), row.payload()});
    }
    BinaryCopy.copyIn(
        c,
        "copy events (message_id, type, event, user_id, anonymous_id, occurred_at, received_at,"
            + " payload) from stdin with (format binary)",
        parts);
    try (PreparedStatement ps =
        c.prepareStatement(
            "select (select seq from events where message_id = ?), currval('events_seq_seq')")) {
      ps.setString(1, rows.get(0).messageId());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Range(rs.getLong(1), rs.getLong(2));
      }
    }
  }
}
