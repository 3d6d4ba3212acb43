package dev.kairos.intelligence.recommend.io;

import dev.kairos.ingest.imports.OnlineRetailNonMerchandise;
import dev.kairos.intelligence.recommend.Catalog;
import dev.kairos.intelligence.recommend.InteractionKind;
import dev.kairos.intelligence.recommend.InteractionLog;
import dev.kairos.platform.csv.CsvInput;
import dev.kairos.platform.csv.CsvReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the UCI Online Retail layout ({@code
 * InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country}), plain or
 * gzip-compressed, as purchases:
 *
 * <ul>
 *   <li>an invoice is an order; lines of invoices starting with {@code C} (cancellations) and lines
 *       with a quantity of 0 or less (adjustments) are skipped;
 *   <li>non-merchandise stock codes ({@link OnlineRetailNonMerchandise}: POST, DOT, M, BANK
 *       CHARGES, AMAZONFEE, gift vouchers …) are postage, fees and manual entries, not products,
 *       and are skipped;
 *   <li>{@code CustomerID} {@code 17850.0} becomes person {@code 17850}; an empty one is a guest;
 *   <li>{@code InvoiceDate} is local UK time, read as UTC (the hour offset does not matter here).
 * </ul>
 */
public final class OnlineRetailReader {
  private static final String HEADER =
      "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";

  private OnlineRetailReader() {}

  public static Transactions read(Path file) throws TransactionFileException {
    try (Reader in = CsvInput.text(file)) {
      return read(in);
    } catch (IOException e) {
      throw new TransactionFileException(0, "cannot read " + file + ": " + e.getMessage());
    } catch (UncheckedIOException e) {
      throw new TransactionFileException(0, "cannot read " + file + ": " + e.getMessage());
    }
  }

  static Transactions read(Reader text) throws TransactionFileException {
    try (CsvReader in = CsvReader.open(text)) {
      return read(in);
    }
  }

  private static Transactions read(CsvReader in) throws TransactionFileException {
    if (!TransactionsCsvReader.header(in.next()).equals(HEADER)) {
      throw new TransactionFileException(1, "expected the header " + HEADER);
    }
    InteractionLog log = new InteractionLog();
    Timestamps timestamps = new Timestamps();
    long lines = 0;
    long cancellations = 0;
    long nonPositive = 0;
    long nonProducts = 0;
    CsvReader.Row row;
    while ((row = in.next()) != null) {
      long lineNumber = row.line();
      lines++;
      List<String> f = TransactionsCsvReader.fields(row, 8);
      String invoice = f.get(0).strip();
      String stockCode = f.get(1).strip();
      if (invoice.isEmpty() || stockCode.isEmpty()) {
        throw new TransactionFileException(lineNumber, "InvoiceNo and StockCode are required");
      }
      int quantity = integer(f.get(3), "Quantity", lineNumber);
      long time = timestamp(timestamps, f.get(4), lineNumber);
      if (invoice.startsWith("C")) {
        cancellations++;
      } else if (quantity <= 0) {
        nonPositive++;
      } else if (OnlineRetailNonMerchandise.isNonMerchandise(stockCode)) {
        nonProducts++;
      } else {
        String customer = customerId(f.get(6), lineNumber);
        log.add(customer, stockCode, InteractionKind.PURCHASE, time, quantity, invoice);
      }
    }
    String reasons =
        cancellations
            + " cancellation lines, "
            + nonPositive
            + " lines with quantity <= 0, "
            + nonProducts
            + " non-merchandise lines (postage, fees, manual, vouchers)";
    return new Transactions(
        log,
        Catalog.openCatalog(List.of()),
        lines,
        cancellations + nonPositive + nonProducts,
        reasons);
  }

  private static int integer(String text, String field, long lineNumber)
      throws TransactionFileException {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new TransactionFileException(
          lineNumber, field + " '" + text + "' is not a whole number");
    }
  }

  private static long timestamp(Timestamps timestamps, String text, long lineNumber)
      throws TransactionFileException {
    try {
      return timestamps.epochSecond(text);
    } catch (IllegalArgumentException e) {
      throw new TransactionFileException(lineNumber, "InvoiceDate: " + e.getMessage());
    }
  }

  /** {@code 17850.0} → {@code 17850}; empty → null (guest). */
  private static String customerId(String text, long lineNumber) throws TransactionFileException {
    String id = text.strip();
    if (id.isEmpty()) {
      return null;
    }
    if (id.endsWith(".0")) {
      id = id.substring(0, id.length() - 2);
    }
    for (int i = 0; i < id.length(); i++) {
      if (!Character.isDigit(id.charAt(i))) {
        throw new TransactionFileException(
            lineNumber, "CustomerID '" + text + "' is not a customer number");
      }
    }
    return id;
  }
}
