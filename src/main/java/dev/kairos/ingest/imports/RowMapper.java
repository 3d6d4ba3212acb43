package dev.kairos.ingest.imports;

import dev.kairos.platform.csv.CsvReader;

/** Turns the records of a file into Segment calls, reporting bad and skipped lines. */
interface RowMapper {

  /** Where a mapper sends what it makes of the records. */
  interface Output {
    void event(ImportEvent event);

    /** An event to send after all others (a refund, once the orders it may refer to are in). */
    void later(ImportEvent event);

    void bad(int line, String reason);

    void skipped(int line, String reason);
  }

  void accept(CsvReader.Record record, Output out);

  /** Called after the last record. */
  default void finish(Output out) {}
}
