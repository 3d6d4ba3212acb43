package dev.kairos.ingest.imports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * What an import did: lines of the file read after the header ({@code lines}; a record with quoted
 * line breaks spans several), data records read ({@code records}), calls sent, stored (new),
 * already stored (duplicates of an earlier import), bad lines (each in {@code errors} with its line
 * number, the first {@value Tally#MAX_LISTED_ERRORS} listed), lines skipped on purpose by the
 * format's rules and why, calls the server rejected, and orders whose product list was cut to fit
 * one call. Records with a quoted line break ({@code multi_line_records}, the first at {@code
 * first_multi_line_record}) are valid CSV but are also what a missing closing quote looks like when
 * the joined lines happen to have the right width: the summary says so rather than guessing.
 */
public record ImportSummary(
    long lines,
    long records,
    @JsonProperty("multi_line_records") long multiLineRecords,
    @JsonProperty("first_multi_line_record") @JsonInclude(JsonInclude.Include.NON_NULL)
        String firstMultiLineRecord,
    long events,
    long stored,
    long duplicates,
    @JsonProperty("bad_lines") long badLines,
    long skipped,
    @JsonProperty("skipped_reasons") Map<String, Long> skippedReasons,
    long rejected,
    @JsonProperty("orders_trimmed") long ordersTrimmed,
    @JsonProperty("errors_count") long errorsCount,
    List<LineError> errors,
    @JsonProperty("elapsed_ms") long elapsedMillis) {

  /** One bad line: its 1-based line number in the file and why. */
  public record LineError(long line, String reason) {}
}
