package dev.kairos.ingest.imports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The running counts of an import, updated by the reader and by batch answers. */
final class Tally {
  static final int MAX_LISTED_ERRORS = 1000;

  private long records;
  private long multiLineRecords;
  private String firstMultiLine;
  private long headerLines;
  private long lastLine;
  private long events;
  private long stored;
  private long duplicates;
  private long badLines;
  private long skipped;
  private final Map<String, Long> skippedReasons = new LinkedHashMap<>();
  private long rejected;
  private long ordersTrimmed;
  private long errorsCount;
  private final List<ImportSummary.LineError> errors = new ArrayList<>();

  /** The header ends on line {@code line}: the lines read are counted after it. */
  synchronized void header(long line) {
    headerLines = line;
    lastLine = Math.max(lastLine, line);
  }

  /** A data record (or an unreadable one) on lines {@code first} to {@code last}. */
  synchronized void record(long first, long last) {
    records++;
    lastLine = Math.max(lastLine, last);
    if (last > first) {
      multiLineRecords++;
      if (firstMultiLine == null) {
        firstMultiLine = "lines " + first + "-" + last;
      }
    }
  }

  synchronized void sent(int count) {
    events += count;
  }

  synchronized void answered(BatchTransport.Outcome outcome) {
    stored += outcome.stored();
    duplicates += outcome.duplicates();
  }

  synchronized void bad(long line, String reason) {
    badLines++;
    error(line, reason);
  }

  synchronized void rejected(long line, String reason) {
    rejected++;
    error(line, "rejected by the server: " + reason);
  }

  private void error(long line, String reason) {
    errorsCount++;
    if (errors.size() < MAX_LISTED_ERRORS) {
      errors.add(new ImportSummary.LineError(line, reason));
    }
  }

  synchronized void skipped(String reason) {
    skipped++;
    skippedReasons.merge(reason, 1L, Long::sum);
  }

  synchronized void trimmed(long count) {
    ordersTrimmed = count;
  }

  synchronized ImportSummary summary(long elapsedMillis) {
    List<ImportSummary.LineError> sorted = new ArrayList<>(errors);
    sorted.sort(Comparator.comparingLong(ImportSummary.LineError::line));
    return new ImportSummary(
        lastLine - headerLines,
        records,
        multiLineRecords,
        firstMultiLine,
        events,
        stored,
        duplicates,
        badLines,
        skipped,
        new LinkedHashMap<>(skippedReasons),
        rejected,
        ordersTrimmed,
        errorsCount,
        sorted,
        elapsedMillis);
  }
}
