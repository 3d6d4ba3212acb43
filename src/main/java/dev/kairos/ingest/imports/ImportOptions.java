package dev.kairos.ingest.imports;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to read a file: what it holds, its format, which column holds each field (overriding the
 * format's defaults), the time zone of dates written without an offset, and the currency of amounts
 * when the file has no currency column.
 */
public record ImportOptions(
    ImportKind kind,
    ImportFormat format,
    Map<String, String> columnMap,
    ZoneId zone,
    String currency) {

  public ImportOptions {
    columnMap = Map.copyOf(columnMap);
  }

  /**
   * Options from their text form, as the command line and the management API take them: {@code map}
   * entries are {@code field=Column}; a null zone or currency means the format's default.
   */
  public static ImportOptions parse(
      ImportKind kind, String format, List<String> map, String zone, String currency) {
    ImportFormat parsedFormat = ImportFormat.parse(format);
    if (parsedFormat == ImportFormat.ONLINE_RETAIL && kind != ImportKind.ORDERS) {
      throw new ImportProblem(
          "format", "the online-retail format holds orders: use kairos import orders");
    }
    Map<String, String> columns = new LinkedHashMap<>();
    for (String entry : map == null ? List.<String>of() : map) {
      int eq = entry.indexOf('=');
      if (eq <= 0 || eq == entry.length() - 1) {
        throw new ImportProblem(
            "map", "a column mapping is field=Column, e.g. customer_id=CustID: " + entry);
      }
      String field = entry.substring(0, eq).trim();
      if (!kind.fields().contains(field)) {
        throw new ImportProblem(
            "map",
            "unknown field '"
                + field
                + "' in --map "
                + entry
                + "; the fields of "
                + kind.wireName()
                + " are "
                + String.join(", ", kind.fields()));
      }
      columns.put(field, entry.substring(eq + 1).trim());
    }
    ZoneId zoneId;
    try {
      zoneId = zone == null || zone.isBlank() ? parsedFormat.defaultZone() : ZoneId.of(zone.trim());
    } catch (DateTimeException e) {
      throw new ImportProblem("zone", "unknown time zone '" + zone + "', e.g. UTC or Europe/Paris");
    }
    String cur = currency == null || currency.isBlank() ? parsedFormat.defaultCurrency() : currency;
    return new ImportOptions(kind, parsedFormat, columns, zoneId, cur);
  }
}
