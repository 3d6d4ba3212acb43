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

  private static final int INT8_OID = 20;
  private static final int TIMESTAMPTZ_OID = 1184;

  private BinaryCopy() {}

  /** A {@code timestamptz} as PostgreSQL keeps it: microseconds since 2000-01-01 UTC. */
  private static long micros(Instant value) {
    return Math.addExact(
            Math.multiplyExact(value.getEpochSecond(), 1_000_000L), value.getNano() / 1_000)
        - POSTGRES_EPOCH_MICROS;
  }

  /**
   * Runs {@code copy … from stdin with (format binary)} with the given rows, each made of one or
   * more byte arrays written in order (a row's fields may end in a value written as is).
   */
  public static void copyIn(Connection c, String copySql, List<byte[][]> rows) throws SQLException {
    CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
    try {
      Chunks out = new Chunks(copy);
      out.write(HEADER);
      for (byte[][] row : rows) {
        for (byte[] part : row) {
          out.write(part);
        }
      }
      out.write(TRAILER);
      out.flush();
      copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  /**
   * Gathers the stream into chunks of 64 kB, each sent as one CopyData message (one socket write),
   * instead of a message for every part of every row.
   */
  private static final class Chunks {
    private final CopyIn copy;
    private final byte[] chunk = new byte[64 * 1024];
    private int used;

    Chunks(CopyIn copy) {
      this.copy = copy;
    }

    void write(byte[] part) throws SQLException {
      if (used + part.length > chunk.length) {
        flush();
      }
      if (part.length > chunk.length) {
        copy.writeToCopy(part, 0, part.length);
      } else {
        System.arraycopy(part, 0, chunk, used, part.length);
        used += part.length;
      }
    }

    void flush() throws SQLException {
      if (used > 0) {
        copy.writeToCopy(chunk, 0, used);
        used = 0;
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
      return int8(micros(value));
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

    /** A one-dimensional {@code bigint[]} without nulls. */
    public Row int8Array(List<Long> values) {
      arrayHead(INT8_OID, values.size(), 12);
      for (long value : values) {
        buffer.putInt(8).putLong(value);
      }
      return this;
    }

    /** A one-dimensional {@code timestamptz[]} without nulls. */
    public Row timestampArray(List<Instant> values) {
      arrayHead(TIMESTAMPTZ_OID, values.size(), 12);
      for (Instant value : values) {
        buffer.putInt(8).putLong(micros(value));
      }
      return this;
    }

    /**
     * The array's length and header (one dimension, no nulls, the element type, its size, lower
     * bound 1), with room made for its elements of {@code elementBytes} each (length included).
     */
    private void arrayHead(int elementType, int size, int elementBytes) {
      int header = 20;
      room(4 + header + size * elementBytes);
      buffer.putInt(header + size * elementBytes);
      buffer.putInt(1).putInt(0).putInt(elementType).putInt(size).putInt(1);
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
