package dev.kairos.ingest.imports;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV: comma-separated fields, optionally quoted with {@code "}, a doubled quote
 * inside quotes for a quote, line breaks inside quotes, CRLF or LF line ends, a UTF-8 byte order
 * mark ignored. Each record knows the line of the file it starts on, so errors can name it.
 */
public final class CsvReader implements AutoCloseable {

  /** One record: its fields and the 1-based line of the file where it starts. */
  public record Record(int line, List<String> fields) {
    /** The field at {@code index}, or {@code null} when the record is shorter. */
    public String field(int index) {
      return index >= 0 && index < fields.size() ? fields.get(index) : null;
    }
  }

  private final Reader in;
  private final char[] buffer = new char[64 * 1024];
  private int position;
  private int limit;
  private int line = 1;
  private boolean started;

  public CsvReader(Reader in) {
    this.in = in;
  }

  /** The next record, or {@code null} at the end of the file. Blank lines are skipped. */
  public Record next() {
    while (true) {
      int c = read();
      if (c < 0) {
        return null;
      }
      if (c == '\n') {
        line++;
        continue;
      }
      if (c == '\r') {
        continue;
      }
      return record(c);
    }
  }

  private Record record(int first) {
    int startLine = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int c = first;
    boolean quoted = false;
    boolean fieldStart = true;
    while (true) {
      if (quoted) {
        if (c < 0) {
          fields.add(field.toString());
          return new Record(startLine, fields);
        }
        if (c == '"') {
          int after = peek();
          if (after == '"') {
            read();
            field.append('"');
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append((char) c);
        }
      } else if (c < 0 || c == '\n') {
        fields.add(field.toString());
        if (c == '\n') {
          line++;
        }
        return new Record(startLine, fields);
      } else if (c == '\r') {
        // CR of a CRLF line end (a lone CR is dropped too)
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        fieldStart = true;
        c = read();
        continue;
      } else if (c == '"' && fieldStart) {
        quoted = true;
      } else {
        field.append((char) c);
      }
      fieldStart = false;
      c = read();
    }
  }

  private int read() {
    if (!fill()) {
      return -1;
    }
    return buffer[position++];
  }

  private int peek() {
    if (!fill()) {
      return -1;
    }
    return buffer[position];
  }

  private boolean fill() {
    if (position < limit) {
      return true;
    }
    try {
      int n;
      do {
        n = in.read(buffer);
      } while (n == 0);
      if (n < 0) {
        return false;
      }
      position = 0;
      limit = n;
      if (!started) {
        started = true;
        if (buffer[0] == '\uFEFF') {
          position = 1;
          return fill();
        }
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
