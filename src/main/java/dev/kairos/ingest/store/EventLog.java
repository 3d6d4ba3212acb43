package dev.kairos.ingest.store;

import dev.kairos.ingest.TrackedEvent;
import dev.kairos.platform.db.Sql;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** The append-only event log (table {@code events}). */
public final class EventLog {

  private static final long APPEND_LOCK = 0x4b4149524f5341L; // "KAIROSA"

  /**
   * Takes the appenders' lock (held to the end of the transaction) and returns which of these
   * message ids are already stored. Holding the lock, the caller can append the new ones without a
   * conflict, and {@code seq} order is commit order across all nodes: a reader of the log never
   * sees an event before one with a lower {@code seq}.
   */
  public Set<String> lockAndFindKnown(Connection c, Collection<String> messageIds)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
      ps.setLong(1, APPEND_LOCK);
      ps.execute();
    }
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

  /**
   * An event as a {@code COPY} row: built (escaped and UTF-8 encoded) on the request thread, so the
   * one writer only joins bytes.
   */
  public record Row(byte[] bytes) {}

  public static Row row(TrackedEvent e) {
    StringBuilder text = new StringBuilder(e.json().length() + 192);
    field(text, e.messageId()).append('\t');
    field(text, e.type().wireName()).append('\t');
    field(text, e.name()).append('\t');
    field(text, e.userId()).append('\t');
    field(text, e.anonymousId()).append('\t');
    field(text, e.timestamp().toString()).append('\t');
    field(text, e.receivedAt().toString()).append('\t');
    field(text, e.json()).append('\n');
    return new Row(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Appends events in the given order with {@code COPY} (the cheapest way into PostgreSQL for both
   * sides: no array literal to build and parse, no plan) and returns the {@code seq} of the last;
   * the others precede it without gaps, as only the holder of the lock of {@link #lockAndFindKnown}
   * draws from the sequence. It runs inside the caller's transaction, which has left out the
   * message ids already stored.
   */
  public long append(Connection c, List<Row> rows) throws SQLException {
    int size = 0;
    for (Row row : rows) {
      size += row.bytes().length;
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(size);
    for (Row row : rows) {
      bytes.writeBytes(row.bytes());
    }
    byte[] data = bytes.toByteArray();
    CopyIn copy =
        c.unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn(
                "copy events (message_id, type, event, user_id, anonymous_id, occurred_at,"
                    + " received_at, payload) from stdin");
    try {
      copy.writeToCopy(data, 0, data.length);
      copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
    try (PreparedStatement ps = c.prepareStatement("select currval('events_seq_seq')");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** One value in COPY's text format: {@code \N} for null; backslash and controls escaped. */
  private static StringBuilder field(StringBuilder out, String value) {
    if (value == null) {
      return out.append("\\N");
    }
    if (!needsEscape(value)) {
      return out.append(value);
    }
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      switch (ch) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(ch);
      }
    }
    return out;
  }

  private static boolean needsEscape(String value) {
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if (ch == '\\' || ch == '\n' || ch == '\r' || ch == '\t') {
        return true;
      }
    }
    return false;
  }
}
