package dev.kairos.platform.db;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows in {@code COPY}'s binary format, the cheapest way into PostgreSQL for both sides: no
 * escaping to do or undo, no timestamps or UUIDs to print and parse, no plan.
 */
public final class BinaryCopy {
  private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L; // 2000-01-01T00:00Z

  /** The signature, flags and header extension length that open a binary COPY stream. */
  private static final byte[] HEADER = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
  };

  private static final byte[] TRAILER = {(byte) 0xff, (byte) 0xff};

  private BinaryCopy() {}

  /**
   * Runs {@code copy … from stdin with (format binary)} with the given rows, each made of one or
   * more byte arrays written in order (a row's fields may end in a value written as is).
   */
  public static void copyIn(Connection c, String copySql, List<byte[][]> rows) throws SQLException {
    CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
    try {
      copy.writeToCopy(HEADER, 0, HEADER.length);
      for (byte[][] row : rows) {
        for (byte[] part : row) {
          copy.writeToCopy(part, 0, part.length);
        }
      }
      copy.writeToCopy(TRAILER, 0, TRAILER.length);
      copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  /** Builds one row: fields in the order of the COPY's column list. */
  public static final class Row {
    private ByteBuffer buffer;

    public Row(int fields, int expectedBytes) {
      buffer = ByteBuffer.allocate(2 + 4 * fields + expectedBytes);
      buffer.putShort((short) fields);
    }

    public Row text(String value) {
      if (value == null) {
        return nullValue();
      }
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      room(4 + bytes.length);
      buffer.putInt(bytes.length).put(bytes);
      return this;
    }

    public Row int8(long value) {
      room(12);
      buffer.putInt(8).putLong(value);
      return this;
    }

    /** A {@code timestamptz}: microseconds since 2000-01-01 UTC. */
    public Row timestamp(Instant value) {
      if (value == null) {
        return nullValue();
      }
      long micros =
          Math.addExact(
              Math.multiplyExact(value.getEpochSecond(), 1_000_000L), value.getNano() / 1_000);
      return int8(micros - POSTGRES_EPOCH_MICROS);
    }

    public Row uuid(UUID value) {
      if (value == null) {
        return nullValue();
      }
      room(20);
      buffer
          .putInt(16)
          .putLong(value.getMostSignificantBits())
          .putLong(value.getLeastSignificantBits());
      return this;
    }

    /** The length of a value whose bytes the caller writes after this row's bytes. */
    public Row lengthOfNext(int length) {
      room(4);
      buffer.putInt(length);
      return this;
    }

    public Row nullValue() {
      room(4);
      buffer.putInt(-1);
      return this;
    }

    public byte[] bytes() {
      return buffer.position() == buffer.capacity()
          ? buffer.array()
          : java.util.Arrays.copyOf(buffer.array(), buffer.position());
    }

    private void room(int bytes) {
      if (buffer.remaining() < bytes) {
        ByteBuffer bigger =
            ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + bytes));
        buffer.flip();
        bigger.put(buffer);
        buffer = bigger;
      }
    }
  }
}
