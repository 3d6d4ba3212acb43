package dev.kairos.ingest.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kairos.platform.csv.CsvReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Imports one CSV file of customers or orders: reads it, turns its rows into Segment calls (the
 * same mapping for the command line and the management API), sends them in batches through a {@link
 * BatchTransport} and tallies what happened. Bad lines are reported with their line numbers and the
 * good ones kept; re-importing the same file changes nothing (the calls have deterministic
 * messageIds, which the event log stores once).
 */
public final class Importer {
  /** Batches in flight at once for orders; customers go one batch at a time, in file order. */
  public static final int DEFAULT_CONCURRENCY = 4;

  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

  private final ObjectMapper mapper;
  private final Clock clock;

  public Importer(ObjectMapper mapper, Clock clock) {
    this.mapper = mapper;
    this.clock = clock;
  }

  /**
   * Reads the header of the file and resolves the columns, so an unusable file or mapping is
   * refused (with an {@link ImportProblem}) before anything else starts.
   */
  public void check(CsvSource source, ImportOptions options) {
    try (CsvReader reader = source.open()) {
      columns(source, reader, options, new Tally());
    }
  }

  private static Columns columns(
      CsvSource source, CsvReader reader, ImportOptions options, Tally tally) {
    CsvReader.Row first = reader.next();
    if (first == null) {
      throw new ImportProblem("file", source.name() + " is empty: it has no header line");
    }
    if (!(first instanceof CsvReader.Record header)) {
      CsvReader.Malformed malformed = (CsvReader.Malformed) first;
      throw new ImportProblem(
          "file",
          source.name()
              + " line "
              + malformed.line()
              + ": the header line cannot be read: "
              + malformed.reason());
    }
    tally.header(header.lastLine());
    return Columns.resolve(
        source.name(),
        header.fields(),
        options,
        options.kind() == ImportKind.CUSTOMERS ? CustomerEvents.REQUIRED : OrderEvents.REQUIRED);
  }

  /**
   * Runs the import; {@code progress} is told the running counts about once a second. Throws an
   * {@link ImportProblem} before sending anything when the file or the mapping is unusable.
   */
  public ImportSummary run(
      CsvSource source,
      ImportOptions options,
      BatchTransport transport,
      int concurrency,
      Consumer<ImportSummary> progress) {
    Instant started = clock.instant();
    Tally tally = new Tally();
    List<ImportEvent> later = new ArrayList<>();
    try (CsvReader reader = source.open()) {
      Columns columns = columns(source, reader, options, tally);
      boolean customers = options.kind() == ImportKind.CUSTOMERS;
      RowMapper rows =
          customers
              ? new CustomerEvents(columns, options, mapper)
              : new OrderEvents(columns, options, mapper, OrderEvents.countRows(source, columns));
      Sender sender = new Sender(transport, customers ? 1 : Math.max(1, concurrency), tally);
      RowMapper.Output out = output(sender, later, tally);
      Instant reported = started;
      CsvReader.Row row;
      long count = 0;
      while ((row = reader.next()) != null) {
        if (row instanceof CsvReader.Record record) {
          tally.record(record.line(), record.lastLine());
          rows.accept(record, out);
        } else {
          CsvReader.Malformed malformed = (CsvReader.Malformed) row;
          tally.record(malformed.line(), malformed.lastLine());
          out.bad(malformed.line(), malformed.reason());
        }
        if (++count % 2048 == 0) {
          Instant now = clock.instant();
          if (Duration.between(reported, now).compareTo(PROGRESS_EVERY) >= 0) {
            reported = now;
            progress.accept(tally.summary(Duration.between(started, now).toMillis()));
          }
        }
      }
      rows.finish(out);
      sender.drain();
      for (ImportEvent event : later) {
        sender.add(event);
      }
      sender.drain();
      if (rows instanceof OrderEvents orders) {
        tally.trimmed(orders.trimmed());
      }
    }
    return tally.summary(Duration.between(started, clock.instant()).toMillis());
  }

  private static RowMapper.Output output(Sender sender, List<ImportEvent> later, Tally tally) {
    return new RowMapper.Output() {
      @Override
      public void event(ImportEvent event) {
        sender.add(event);
      }

      @Override
      public void later(ImportEvent event) {
        later.add(event);
      }

      @Override
      public void bad(int line, String reason) {
        tally.bad(line, reason);
      }

      @Override
      public void skipped(int line, String reason) {
        tally.skipped(reason);
      }
    };
  }
}
