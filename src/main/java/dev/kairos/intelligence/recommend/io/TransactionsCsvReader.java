package dev.kairos.intelligence.recommend.io;

import dev.kairos.intelligence.recommend.Catalog;
import dev.kairos.intelligence.recommend.CatalogEntry;
import dev.kairos.intelligence.recommend.InteractionKind;
import dev.kairos.intelligence.recommend.InteractionLog;
import dev.kairos.platform.csv.CsvInput;
import dev.kairos.platform.csv.CsvReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Kairos' generic purchases layout, plain or gzip-compressed:
 *
 * <pre>
 * customer_id,order_id,product_id,quantity,price,timestamp[,category]
 * 17850,536365,85123A,6,2.55,2010-12-01 08:26:00,Home
 * </pre>
 *
 * <ul>
 *   <li>{@code customer_id} may be empty (a guest order: it still counts for "bought together" and
 *       popularity); {@code order_id} and {@code product_id} are required;
 *   <li>{@code quantity} is a positive whole number, {@code price} a non-negative decimal;
 *   <li>{@code timestamp} is {@code YYYY-MM-DD HH:MM:SS} or {@code YYYY-MM-DDTHH:MM:SS} (UTC), an
 *       ISO-8601 instant ({@code 2011-01-02T10:00:00Z}) or a date;
 *   <li>{@code category}, when the column is present, may be empty.
 * </ul>
 *
 * Any other line is an error naming the line number; nothing is skipped silently.
 */
public final class TransactionsCsvReader {
  private static final String HEADER = "customer_id,order_id,product_id,quantity,price,timestamp";

  private TransactionsCsvReader() {}

  public static Transactions read(Path file) throws TransactionFileException {
    try (Reader in = CsvInput.text(file)) {
      return read(in);
    } catch (IOException | UncheckedIOException e) {
      throw new TransactionFileException(0, "cannot read " + file + ": " + e.getMessage());
    }
  }

  static Transactions read(Reader text) throws TransactionFileException {
    try (CsvReader in = CsvReader.open(text)) {
      return read(in);
    }
  }

  private static Transactions read(CsvReader in) throws TransactionFileException {
    String normalised = header(in.next());
    boolean withCategory = normalised.equals(HEADER + ",category");
    if (!withCategory && !normalised.equals(HEADER)) {
      throw new TransactionFileException(1, "expected the header " + HEADER + "[,category]");
    }
    int columns = withCategory ? 7 : 6;
    InteractionLog log = new InteractionLog();
    Map<String, CatalogEntry> catalog = new LinkedHashMap<>();
    Timestamps timestamps = new Timestamps();
    long lines = 0;
    CsvReader.Row row;
    while ((row = in.next()) != null) {
      long lineNumber = row.line();
      lines++;
      List<String> f = fields(row, columns);
      String customer = f.get(0).strip();
      String order = required(f.get(1), "order_id", lineNumber);
      String product = required(f.get(2), "product_id", lineNumber);
      int quantity = quantity(f.get(3), lineNumber);
      price(f.get(4), lineNumber);
      long time;
      try {
        time = timestamps.epochSecond(f.get(5));
      } catch (IllegalArgumentException e) {
        throw new TransactionFileException(lineNumber, "timestamp: " + e.getMessage());
      }
      log.add(customer, product, InteractionKind.PURCHASE, time, quantity, order);
      if (withCategory && !f.get(6).isBlank()) {
        catalog.putIfAbsent(product, CatalogEntry.product(product, f.get(6).strip()));
      }
    }
    return new Transactions(log, Catalog.openCatalog(catalog.values()), lines, 0, "none");
  }

  /** The header row as one comma-separated line, to compare with a layout; "" when missing. */
  static String header(CsvReader.Row row) {
    return row instanceof CsvReader.Record header ? String.join(",", header.fields()).strip() : "";
  }

  /** The fields of a row that must have {@code columns} of them. */
  static List<String> fields(CsvReader.Row row, int columns) throws TransactionFileException {
    if (row instanceof CsvReader.Malformed malformed) {
      throw new TransactionFileException(malformed.line(), malformed.reason());
    }
    List<String> f = ((CsvReader.Record) row).fields();
    if (f.size() != columns) {
      throw new TransactionFileException(
          row.line(), "expected " + columns + " fields, found " + f.size());
    }
    return f;
  }

  private static String required(String text, String field, long lineNumber)
      throws TransactionFileException {
    String value = text.strip();
    if (value.isEmpty()) {
      throw new TransactionFileException(lineNumber, field + " is empty");
    }
    return value;
  }

  private static int quantity(String text, long lineNumber) throws TransactionFileException {
    try {
      int quantity = Integer.parseInt(text.strip());
      if (quantity > 0) {
        return quantity;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new TransactionFileException(
        lineNumber, "quantity '" + text + "' is not a positive whole number");
  }

  private static void price(String text, long lineNumber) throws TransactionFileException {
    try {
      if (new BigDecimal(text.strip()).signum() >= 0) {
        return;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new TransactionFileException(
        lineNumber, "price '" + text + "' is not a non-negative decimal");
  }
}
