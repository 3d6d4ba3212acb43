package dev.kairos.platform.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The one CSV reader of Kairos, over Jackson's CSV module: RFC 4180 quoting ({@code "a, b"}, {@code
 * ""} for a quote, line breaks inside quotes), CRLF or LF line ends, a UTF-8 byte order mark
 * ignored, and the separator ({@code ,}, {@code ;} or tab) found from the header line. Blank lines
 * are skipped.
 *
 * <p>Each row knows the lines of the file it spans, so messages can name them. A row that cannot be
 * read (a quote that is never closed, text after a closing quote, a row longer than the limits, or
 * a quoted field running over several lines into a row of the wrong width: the signs of a missing
 * quote) is returned as {@link Malformed}, and reading resumes on the line after the one the row
 * started on: no row is ever lost without a row saying so. A record of the header's width whose
 * only fault is a field over the limit is reported once, and reading resumes after its last line.
 */
public final class CsvReader implements AutoCloseable {
  private static final CsvMapper MAPPER = new CsvMapper();

  /** What one call to {@link #next()} found. */
  public sealed interface Row permits Record, Malformed {
    /** The 1-based line of the file where the row starts. */
    int line();
  }

  /** One record: its fields and the lines of the file it spans (1-based, inclusive). */
  public record Record(int line, int lastLine, List<String> fields) implements Row {
    /** The field at {@code index}, or {@code null} when the record is shorter. */
    public String field(int index) {
      return index >= 0 && index < fields.size() ? fields.get(index) : null;
    }
  }

  /** Lines that do not form a record; {@code lastLine} is the last line that was skipped. */
  public record Malformed(int line, int lastLine, String reason) implements Row {}

  private final RecordingReader in;
  private final CsvLimits limits;
  private final char separator;
  private CsvParser parser;
  private long parserStart;
  private int parserLine = 1;
  private long rowStart;
  private int rowLine = 1;
  private int width = -1;
  private Malformed pending;

  private CsvReader(Reader source, CsvLimits limits) throws IOException {
    this.in = new RecordingReader(source, limits.maxRowChars());
    this.limits = limits;
    this.separator = in.separator();
    this.parser = parser(in);
  }

  /** A reader of {@code source} within the default {@link CsvLimits}. */
  public static CsvReader open(Reader source) {
    return open(source, CsvLimits.DEFAULT);
  }

  public static CsvReader open(Reader source, CsvLimits limits) {
    try {
      return new CsvReader(source, limits);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The field separator found on the header line. */
  public char separator() {
    return separator;
  }

  /**
   * The next row, or {@code null} at the end. The first row (the header) sets the width that a
   * multi-line row must have.
   *
   * @throws UncheckedIOException when the source cannot be read
   */
  public Row next() {
    if (pending != null) {
      Malformed row = pending;
      pending = null;
      return row;
    }
    while (parser != null) {
      List<String> fields;
      try {
        fields = fields();
      } catch (RecordingReader.RowTooLong e) {
        return resume(line -> "the row is longer than " + limits.maxRowChars() + " characters");
      } catch (IOException e) {
        if (e instanceof JsonProcessingException problem) {
          return resume(line -> describe(problem, line));
        }
        throw new UncheckedIOException(e);
      }
      if (fields == null) {
        return null;
      }
      // at the end of a text without a final line break Jackson counts its last buffer twice;
      // it cannot have used more than it was given
      long end = Math.min(parserStart + parser.currentLocation().getCharOffset(), in.position());
      long start = rowStart;
      int line = rowLine;
      while (start < end && isLineEnd(in.charAt(start))) {
        line += in.charAt(start++) == '\n' ? 1 : 0; // the LF of a CRLF the parser left behind
      }
      long last = end;
      while (last > start && isLineEnd(in.charAt(last - 1))) {
        last--;
      }
      int lastLine = line + in.lineBreaks(start, last);
      int nextLine = rowLine + in.lineBreaks(rowStart, end);
      if (fields.size() == 1 && fields.get(0).isBlank() && !in.holds('"', start, last)) {
        advance(end, nextLine);
        continue;
      }
      if (hasLongField(fields) && (width < 0 || fields.size() == width)) {
        // a whole record of the right width, only too long: its quotes are sound, so it is
        // reported once and reading goes on after it, not inside its quoted line breaks
        advance(end, nextLine);
        return new Malformed(
            line,
            lastLine,
            "a field is longer than "
                + limits.maxFieldChars()
                + " characters"
                + (lastLine > line
                    ? " (the record spans lines " + line + "-" + lastLine + ")"
                    : ""));
      }
      Malformed wrong = check(fields, line, lastLine);
      if (wrong != null) {
        return resume(ignored -> wrong.reason());
      }
      advance(end, nextLine);
      if (width < 0) {
        width = fields.size();
      }
      return new Record(line, lastLine, fields);
    }
    return null;
  }

  private static boolean isLineEnd(char c) {
    return c == '\n' || c == '\r';
  }

  private boolean hasLongField(List<String> fields) {
    for (String field : fields) {
      if (field.length() > limits.maxFieldChars()) {
        return true;
      }
    }
    return false;
  }

  private Malformed check(List<String> fields, int line, int lastLine) {
    for (String field : fields) {
      if (field.length() > limits.maxFieldChars()) {
        return new Malformed(
            line, line, "a field is longer than " + limits.maxFieldChars() + " characters");
      }
    }
    if (lastLine > line && width >= 0 && fields.size() != width) {
      return new Malformed(
          line,
          line,
          "a quoted field opened on line "
              + line
              + " runs to line "
              + lastLine
              + " and the row has "
              + fields.size()
              + " fields, the header "
              + width
              + " (is a quote missing?)");
    }
    return null;
  }

  private List<String> fields() throws IOException {
    JsonToken token = parser.nextToken();
    if (token == null) {
      return null;
    }
    List<String> fields = new ArrayList<>(8);
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token == null) {
        break;
      }
      fields.add(parser.getText());
    }
    return fields;
  }

  private void advance(long end, int nextLine) {
    rowStart = end;
    rowLine = nextLine;
    in.forget(end);
  }

  /**
   * The row starting at {@link #rowLine} cannot be read: report it and read on from the line after
   * it, with a new parser over what was already read plus the rest of the source.
   */
  private Row resume(IntFunction<String> reasonForLine) {
    long start = rowStart;
    int line = rowLine;
    while (start < in.end() && isLineEnd(in.charAt(start))) {
      line += in.charAt(start++) == '\n' ? 1 : 0;
    }
    String reason = reasonForLine.apply(line);
    long restart = in.afterLineBreak(start);
    closeParser();
    if (restart < 0) {
      int last = line + in.lineBreaks(start, in.end());
      in.forget(in.end());
      parser = null;
      return new Malformed(line, Math.max(line, last), unread(reason, line, last));
    }
    in.restartAt(restart);
    rowStart = restart;
    rowLine = line + 1;
    parserLine = rowLine;
    try {
      parser = parser(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Malformed(line, line, reason);
  }

  /** Jackson's words for what is wrong, in the reader's. */
  private String describe(JsonProcessingException problem, int rowLine) {
    String message = problem.getOriginalMessage();
    if (message.startsWith("Missing closing quote")) {
      return "a quote opened on this line is never closed";
    }
    if (message.contains("Expected column separator")) {
      message = "text after a closing quote (a quote inside a field is written \"\")";
    }
    int at = problem.getLocation() == null ? -1 : problem.getLocation().getLineNr();
    int problemLine = parserLine + at - 1;
    return at > 0 && problemLine > rowLine
        ? message
            + " on line "
            + problemLine
            + ", in a quoted field opened on line "
            + rowLine
            + " (is a quote missing?)"
        : message;
  }

  private static String unread(String reason, int line, int last) {
    return last > line ? reason + "; lines " + line + "-" + last + " are not read" : reason;
  }

  private CsvParser parser(RecordingReader reader) throws IOException {
    parserStart = reader.position();
    CsvParser created = (CsvParser) MAPPER.getFactory().createParser(reader.fromHere());
    created.setSchema(CsvSchema.emptySchema().withColumnSeparator(separator));
    return created;
  }

  private void closeParser() {
    if (parser != null) {
      try {
        parser.close();
      } catch (IOException ignored) {
        // the source itself is closed in close()
      }
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
