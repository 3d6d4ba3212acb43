package dev.kairos.ingest.store;

import dev.kairos.ingest.TrackedEvent;
import dev.kairos.platform.db.Sql;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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
   * An event as a row of {@code COPY}'s binary format: built on the request thread, so the one
   * writer only joins bytes, and PostgreSQL parses neither escapes nor timestamps.
   */
  public record Row(byte[] bytes) {}

  private static final int FIELDS = 8;
  private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L; // 2000-01-01T00:00Z

  public static Row row(TrackedEvent e) {
    byte[][] texts = {
      utf8(e.messageId()),
      utf8(e.type().wireName()),
      utf8(e.name()),
      utf8(e.userId()),
      utf8(e.anonymousId())
    };
    int size = 2 + 4 * FIELDS + 8 + 8 + e.json().length;
    for (byte[] text : texts) {
      size += text == null ? 0 : text.length;
    }
    ByteBuffer row = ByteBuffer.allocate(size);
    row.putShort((short) FIELDS);
    for (byte[] text : texts) {
      if (text == null) {
        row.putInt(-1);
      } else {
        row.putInt(text.length).put(text);
      }
    }
    row.putInt(8).putLong(micros(e.timestamp()));
    row.putInt(8).putLong(micros(e.receivedAt()));
    row.putInt(e.json().length).put(e.json());
    return new Row(row.array());
  }

  private static byte[] utf8(String text) {
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }

  /** A timestamptz as the binary format has it: microseconds since 2000-01-01 UTC. */
  private static long micros(Instant instant) {
    return Math.addExact(
            Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000)
        - POSTGRES_EPOCH_MICROS;
  }

  /** The signature, flags and header extension length that open a binary COPY stream. */
  private static final byte[] BINARY_HEADER = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
  };

  private static final byte[] BINARY_TRAILER = {(byte) 0xff, (byte) 0xff};

  /**
   * Appends events in the given order with {@code COPY} (the cheapest way into PostgreSQL for both
   * sides: no array literal to build and parse, no plan) and returns the {@code seq} of the last;
   * the others precede it without gaps, as only the holder of the lock of {@link #lockAndFindKnown}
   * draws from the sequence. It runs inside the caller's transaction, which has left out the
   * message ids already stored.
   */
  public long append(Connection c, List<Row> rows) throws SQLException {
    int size = BINARY_HEADER.length + BINARY_TRAILER.length;
    for (Row row : rows) {
      size += row.bytes().length;
    }
    byte[] data = new byte[size];
    System.arraycopy(BINARY_HEADER, 0, data, 0, BINARY_HEADER.length);
    int at = BINARY_HEADER.length;
    for (Row row : rows) {
      System.arraycopy(row.bytes(), 0, data, at, row.bytes().length);
      at += row.bytes().length;
    }
    System.arraycopy(BINARY_TRAILER, 0, data, at, BINARY_TRAILER.length);
    CopyIn copy =
        c.unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn(
                "copy events (message_id, type, event, user_id, anonymous_id, occurred_at,"
                    + " received_at, payload) from stdin with (format binary)");
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
}
