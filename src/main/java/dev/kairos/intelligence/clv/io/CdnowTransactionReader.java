package dev.kairos.intelligence.clv.io;

import dev.kairos.intelligence.clv.Transaction;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the CDNOW purchase files, either layout, plain or gzip-compressed (detected by content):
 *
 * <ul>
 *   <li>master: a header line, then {@code customer_id date number_of_cds dollar_value};
 *   <li>sample: no header, {@code master_customer_id sample_id date number_of_cds dollar_value}.
 * </ul>
 *
 * Columns are separated by whitespace; dates are {@code yyyyMMdd}; LF or CRLF line ends. The
 * customer id is the master id in both layouts, so the two files name customers alike.
 */
public final class CdnowTransactionReader {
  private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

  public TransactionReadResult read(Path file) throws IOException {
    try (BufferedReader reader = TextFiles.open(file)) {
      return read(reader);
    }
  }

  public TransactionReadResult read(BufferedReader reader) throws IOException {
    List<Transaction> transactions = new ArrayList<>();
    int lineNumber = 0;
    int columns = 0;
    String line;
    while ((line = reader.readLine()) != null) {
      lineNumber++;
      String trimmed = line.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (lineNumber == 1 && !Character.isDigit(trimmed.charAt(0))) {
        continue; // the master file's header line
      }
      String[] fields = trimmed.split("\\s+");
      if (columns == 0) {
        columns = fields.length;
        if (columns != 4 && columns != 5) {
          return new TransactionReadResult.Rejected(
              lineNumber,
              "expected 4 columns (master layout) or 5 (sample layout), found " + columns);
        }
      }
      if (fields.length != columns) {
        return new TransactionReadResult.Rejected(
            lineNumber,
            "expected " + columns + " columns like the lines before, found " + fields.length);
      }
      int offset = columns - 4;
      try {
        LocalDate date = LocalDate.parse(fields[1 + offset], DATE);
        double amount = Double.parseDouble(fields[3 + offset]);
        transactions.add(new Transaction(fields[0], date, amount));
      } catch (DateTimeParseException e) {
        return new TransactionReadResult.Rejected(
            lineNumber, "date '" + fields[1 + offset] + "' is not yyyyMMdd");
      } catch (IllegalArgumentException e) {
        return new TransactionReadResult.Rejected(
            lineNumber, "dollar value '" + fields[3 + offset] + "' is not a number");
      }
    }
    return new TransactionReadResult.Read(transactions);
  }
}
