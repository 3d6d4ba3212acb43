package dev.kairos.platform.csv;

import java.io.IOException;
import java.io.Reader;

/**
 * The source of a {@link CsvReader}: keeps the text of the row being read (and what the parser read
 * ahead), so line numbers can be counted from it and reading can start over on the line after a
 * malformed row. Offsets are counted in characters from the start of the text (after the byte order
 * mark).
 */
final class RecordingReader {
  private static final int CHUNK = 16 * 1024;
  private static final char BOM = '\uFEFF';

  /** Thrown through the parser when a row outgrows the limit. */
  static final class RowTooLong extends IOException {
    RowTooLong() {
      super("row too long", null);
    }
  }

  private final Reader source;
  private final int maxRowChars;
  private final StringBuilder kept = new StringBuilder();
  private long keptStart;
  private long position;
  private boolean exhausted;
  private final char separator;

  RecordingReader(Reader source, int maxRowChars) throws IOException {
    this.source = source;
    this.maxRowChars = maxRowChars;
    fill();
    if (kept.length() > 0 && kept.charAt(0) == BOM) {
      kept.deleteCharAt(0);
    }
    this.separator = sniffSeparator();
  }

  char separator() {
    return separator;
  }

  /** A reader of the text from the current position on, for a new parser. */
  Reader fromHere() {
    return new Reader() {
      @Override
      public int read(char[] buffer, int offset, int length) throws IOException {
        return RecordingReader.this.read(buffer, offset, length);
      }

      @Override
      public void close() {
        // the source is closed by the CsvReader
      }
    };
  }

  private int read(char[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (position >= end()) {
      if (kept.length() > maxRowChars + 2L * CHUNK) {
        throw new RowTooLong();
      }
      if (!fill()) {
        return -1;
      }
    }
    int from = (int) (position - keptStart);
    int count = (int) Math.min(length, end() - position);
    kept.getChars(from, from + count, buffer, offset);
    position += count;
    return count;
  }

  /** Reads one more chunk of the source into the kept text; false at its end. */
  private boolean fill() throws IOException {
    if (exhausted) {
      return false;
    }
    char[] chunk = new char[CHUNK];
    int n;
    do {
      n = source.read(chunk);
    } while (n == 0);
    if (n < 0) {
      exhausted = true;
      return false;
    }
    kept.append(chunk, 0, n);
    return true;
  }

  long position() {
    return position;
  }

  long end() {
    return keptStart + kept.length();
  }

  /** Drops the text before {@code offset}: no row will be read again from before it. */
  void forget(long offset) {
    int drop = (int) Math.min(kept.length(), Math.max(0, offset - keptStart));
    kept.delete(0, drop);
    keptStart += drop;
  }

  /** Starts reading again at {@code offset} (within the kept text). */
  void restartAt(long offset) {
    forget(offset);
    position = offset;
  }

  char charAt(long offset) {
    return kept.charAt((int) (offset - keptStart));
  }

  /** Whether {@code c} occurs in {@code [from, to)}. */
  boolean holds(char c, long from, long to) {
    for (long i = Math.max(from, keptStart); i < Math.min(to, end()); i++) {
      if (charAt(i) == c) {
        return true;
      }
    }
    return false;
  }

  /** How many line feeds lie in {@code [from, to)}. */
  int lineBreaks(long from, long to) {
    int count = 0;
    for (long i = Math.max(from, keptStart); i < Math.min(to, end()); i++) {
      if (charAt(i) == '\n') {
        count++;
      }
    }
    return count;
  }

  /** The offset just after the first line feed at or after {@code from}; -1 when there is none. */
  long afterLineBreak(long from) {
    long i = Math.max(from, keptStart);
    while (true) {
      while (i < end()) {
        if (charAt(i++) == '\n') {
          return i;
        }
      }
      try {
        if (!fill()) {
          return -1;
        }
      } catch (IOException e) {
        return -1;
      }
    }
  }

  /** The separator of the header line: the most frequent of {@code , ; tab} outside quotes. */
  private char sniffSeparator() throws IOException {
    while (kept.indexOf("\n") < 0 && kept.length() < maxRowChars && fill()) {
      // read on until the header line is complete
    }
    int comma = 0;
    int semicolon = 0;
    int tab = 0;
    boolean quoted = false;
    for (int i = 0; i < kept.length(); i++) {
      char c = kept.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == '\n' || c == '\r')) {
        break;
      } else if (!quoted) {
        comma += c == ',' ? 1 : 0;
        semicolon += c == ';' ? 1 : 0;
        tab += c == '\t' ? 1 : 0;
      }
    }
    if (semicolon > comma && semicolon >= tab) {
      return ';';
    }
    return tab > comma ? '\t' : ',';
  }

  void close() throws IOException {
    source.close();
  }
}
