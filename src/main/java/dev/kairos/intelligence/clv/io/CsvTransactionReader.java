package dev.kairos.intelligence.clv.io;

import dev.kairos.intelligence.clv.Transaction;
import dev.kairos.platform.csv.CsvInput;
import dev.kairos.platform.csv.CsvReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the generic transaction CSV layout (plain or gzip-compressed):
 *
 * <ul>
 *   <li>a header line naming at least the columns {@code customer_id}, {@code date} and {@code
 *       amount}, in any order and case; other columns are ignored;
 *   <li>{@code date}: an ISO date {@code yyyy-MM-dd}, or an ISO timestamp ({@code
 *       2024-03-01T14:05:00}, with or without an offset such as {@code Z} or {@code +01:00}; a
 *       space may stand for the {@code T}). Only the calendar date counts, as written (for a
 *       timestamp with an offset: the date at that offset);
 *   <li>{@code amount}: a decimal number with a dot, e.g. {@code 29.95} (negative for refunds);
 *   <li>fields may be double-quoted, with {@code ""} for a quote inside (read by the one {@link
 *       CsvReader}: line breaks inside quotes, {@code ;} separators and a byte order mark too).
 * </ul>
 */
public final class CsvTransactionReader {
  private static final List<String> REQUIRED = List.of("customer_id", "date", "amount");

  public TransactionReadResult read(Path file) throws IOException {
    try (Reader reader = CsvInput.text(file)) {
      return read(reader);
    }
  }

  public TransactionReadResult read(Reader text) throws IOException {
    try (CsvReader csv = CsvReader.open(text)) {
      return read(csv);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static TransactionReadResult read(CsvReader csv) {
    CsvReader.Row header = csv.next();
    if (header == null) {
      return new TransactionReadResult.Rejected(1, "the file is empty; expected a header line");
    }
    if (header instanceof CsvReader.Malformed malformed) {
      return new TransactionReadResult.Rejected(malformed.line(), malformed.reason());
    }
    List<String> names = new ArrayList<>();
    for (String name : ((CsvReader.Record) header).fields()) {
      names.add(name.strip().toLowerCase(Locale.ROOT));
    }
    int[] column = new int[REQUIRED.size()];
    for (int i = 0; i < column.length; i++) {
      column[i] = names.indexOf(REQUIRED.get(i));
      if (column[i] < 0) {
        return new TransactionReadResult.Rejected(
            1,
            "the header has no column '" + REQUIRED.get(i) + "' (needs customer_id,date,amount)");
      }
    }
    List<Transaction> transactions = new ArrayList<>();
    CsvReader.Row row;
    while ((row = csv.next()) != null) {
      int lineNumber = row.line();
      if (row instanceof CsvReader.Malformed malformed) {
        return new TransactionReadResult.Rejected(lineNumber, malformed.reason());
      }
      List<String> fields = ((CsvReader.Record) row).fields();
      if (fields.size() < names.size()) {
        return new TransactionReadResult.Rejected(
            lineNumber, "expected " + names.size() + " fields, found " + fields.size());
      }
      String customerId = fields.get(column[0]).strip();
      if (customerId.isEmpty()) {
        return new TransactionReadResult.Rejected(lineNumber, "customer_id is empty");
      }
      String dateText = fields.get(column[1]).strip();
      LocalDate date = parseDate(dateText);
      if (date == null) {
        return new TransactionReadResult.Rejected(
            lineNumber, "date '" + dateText + "' is not yyyy-MM-dd or an ISO timestamp");
      }
      String amountText = fields.get(column[2]).strip();
      double amount;
      try {
        amount = Double.parseDouble(amountText);
      } catch (NumberFormatException e) {
        amount = Double.NaN;
      }
      if (!Double.isFinite(amount)) {
        return new TransactionReadResult.Rejected(
            lineNumber, "amount '" + amountText + "' is not a number");
      }
      transactions.add(new Transaction(customerId, date, amount));
    }
    return new TransactionReadResult.Read(transactions);
  }

  static LocalDate parseDate(String text) {
    String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.replaceFirst(" ", "T") : text;
    try {
      if (iso.length() == 10) {
        return LocalDate.parse(iso);
      }
      char last = iso.charAt(iso.length() - 1);
      boolean hasOffset =
          last == 'Z' || last == 'z' || iso.lastIndexOf('+') > 10 || iso.lastIndexOf('-') > 10;
      return hasOffset
          ? OffsetDateTime.parse(iso.toUpperCase(Locale.ROOT)).toLocalDate()
          : LocalDateTime.parse(iso).toLocalDate();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
