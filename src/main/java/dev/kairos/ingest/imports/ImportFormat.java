package dev.kairos.ingest.imports;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The layout of a file: Kairos's own CSV columns, or a known export such as UCI Online Retail. */
public enum ImportFormat {
  /** Columns named as the fields of {@link ImportKind}; other names via the column mapping. */
  CSV("csv", ZoneId.of("UTC"), null),
  /**
   * The UCI Online Retail file: {@code
   * InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country}, amounts in
   * pounds sterling, dates in UK local time. Invoices starting with C are cancellations, with A
   * accounting adjustments.
   */
  ONLINE_RETAIL("online-retail", ZoneId.of("Europe/London"), "GBP");

  private final String wireName;
  private final ZoneId defaultZone;
  private final String defaultCurrency;

  ImportFormat(String wireName, ZoneId defaultZone, String defaultCurrency) {
    this.wireName = wireName;
    this.defaultZone = defaultZone;
    this.defaultCurrency = defaultCurrency;
  }

  public String wireName() {
    return wireName;
  }

  public ZoneId defaultZone() {
    return defaultZone;
  }

  /** The currency of amounts when the file has no currency column, or null. */
  public String defaultCurrency() {
    return defaultCurrency;
  }

  /** The default column of each field in this format. */
  public Map<String, String> defaultColumns(ImportKind kind) {
    Map<String, String> columns = new LinkedHashMap<>();
    if (this == ONLINE_RETAIL) {
      columns.put("order_id", "InvoiceNo");
      columns.put("product_id", "StockCode");
      columns.put("product_name", "Description");
      columns.put("quantity", "Quantity");
      columns.put("order_date", "InvoiceDate");
      columns.put("price", "UnitPrice");
      columns.put("customer_id", "CustomerID");
      columns.put("country", "Country");
      return columns;
    }
    for (String field : kind.fields()) {
      columns.put(field, field);
    }
    return columns;
  }

  public static ImportFormat parse(String name) {
    if (name == null || name.isBlank()) {
      return CSV;
    }
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (ImportFormat format : values()) {
      if (format.wireName.equals(wanted)) {
        return format;
      }
    }
    throw new ImportProblem(
        "format",
        "unknown format '"
            + name
            + "'; known formats: "
            + Arrays.stream(values())
                .map(ImportFormat::wireName)
                .collect(Collectors.joining(", ")));
  }
}
