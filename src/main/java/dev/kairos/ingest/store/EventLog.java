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
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** The append-only event log (table {@code events}). */
public final class EventLog {

  /** Which of these message ids are already stored. */
  public Set<String> known(Connection c, Collection<String> messageIds) throws SQLException {
    Set<String> known = new HashSet<>();
    if (messageIds.isEmpty()) {
      return known;
    }
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
   * An event as a {@code COPY} row, all but its profile id: built (escaped and UTF-8 encoded) on
   * the request thread, so the one writer only joins bytes.
   */
  public record Row(byte[] head, byte[] tail) {}

  public static Row row(TrackedEvent e) {
    StringBuilder head = new StringBuilder(64);
    field(head, e.messageId()).append('\t');
    field(head, e.type().wireName()).append('\t');
    field(head, e.name()).append('\t');
    StringBuilder tail = new StringBuilder(e.json().length() + 128);
    tail.append('\t');
    field(tail, e.userId()).append('\t');
    field(tail, e.anonymousId()).append('\t');
    field(tail, e.timestamp().toString()).append('\t');
    field(tail, e.receivedAt().toString()).append('\t');
    field(tail, e.json()).append('\n');
    return new Row(
        head.toString().getBytes(StandardCharsets.UTF_8),
        tail.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Appends events, each with the profile it was applied to, in the given order (their {@code seq}
   * follows it). Written with {@code COPY}, the cheapest way into PostgreSQL for both sides: no
   * array literal to build and parse, no plan. It runs inside the caller's transaction, so the rows
   * are committed (or rolled back) with the rest of the group; a repeated {@code messageId} fails
   * the group as an insert would, which the caller prevents by checking {@link #known} under its
   * lock.
   */
  public void append(Connection c, List<Row> rows, List<UUID> profileIds) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    int size = 0;
    for (Row row : rows) {
      size += row.head().length + 36 + row.tail().length;
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(size);
    for (int i = 0; i < rows.size(); i++) {
      bytes.writeBytes(rows.get(i).head());
      UUID profile = profileIds.get(i);
      bytes.writeBytes(
          (profile == null ? "\\N" : profile.toString()).getBytes(StandardCharsets.US_ASCII));
      bytes.writeBytes(rows.get(i).tail());
    }
    byte[] data = bytes.toByteArray();
    CopyIn copy =
        c.unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn(
                "copy events (message_id, type, event, profile_id, user_id, anonymous_id,"
                    + " occurred_at, received_at, payload) from stdin");
    try {
      copy.writeToCopy(data, 0, data.length);
      copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
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
