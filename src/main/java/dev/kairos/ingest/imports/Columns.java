package dev.kairos.ingest.imports;

import dev.kairos.platform.csv.CsvReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where each field is in a file: the header matched against the format's default column names
 * (ignoring case and surrounding spaces) and the operator's mapping. A mapped column missing from
 * the header, or a required field without a column, stops the import before anything is sent.
 */
public final class Columns {
  private final List<String> header;
  private final Map<String, Integer> index;

  private Columns(List<String> header, Map<String, Integer> index) {
    this.header = header;
    this.index = index;
  }

  public static Columns resolve(
      String fileName, List<String> header, ImportOptions options, List<String> required) {
    Map<String, Integer> index = new LinkedHashMap<>();
    Map<String, String> defaults = options.format().defaultColumns(options.kind());
    for (Map.Entry<String, String> entry : options.columnMap().entrySet()) {
      int at = find(header, entry.getValue());
      if (at < 0) {
        throw new ImportProblem(
            "map",
            "column '"
                + entry.getValue()
                + "' (--map "
                + entry.getKey()
                + "="
                + entry.getValue()
                + ") is not in the header of "
                + fileName
                + ": "
                + String.join(",", header));
      }
      index.put(entry.getKey(), at);
    }
    Set<Integer> taken = new HashSet<>(index.values());
    for (Map.Entry<String, String> entry : defaults.entrySet()) {
      if (index.containsKey(entry.getKey())) {
        continue;
      }
      int at = find(header, entry.getValue());
      if (at >= 0 && !taken.contains(at)) {
        index.put(entry.getKey(), at);
        taken.add(at);
      }
    }
    for (String field : required) {
      if (field.contains("|")) {
        String[] anyOf = field.split("\\|");
        if (index.keySet().stream().noneMatch(f -> List.of(anyOf).contains(f))) {
          throw missing(fileName, header, String.join(" or ", anyOf), anyOf[0]);
        }
      } else if (!index.containsKey(field)) {
        throw missing(fileName, header, field, field);
      }
    }
    return new Columns(List.copyOf(header), index);
  }

  private static ImportProblem missing(
      String fileName, List<String> header, String what, String example) {
    return new ImportProblem(
        "map",
        fileName
            + " has no "
            + what
            + " column (header: "
            + String.join(",", header)
            + "); name it with --map "
            + example
            + "=YOUR_COLUMN");
  }

  private static int find(List<String> header, String column) {
    String wanted = column.trim();
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).trim().equals(wanted)) {
        return i;
      }
    }
    String lower = wanted.toLowerCase(Locale.ROOT);
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).trim().toLowerCase(Locale.ROOT).equals(lower)) {
        return i;
      }
    }
    return -1;
  }

  /** The trimmed value of a field in a record; null when the file has no such column or blank. */
  public String get(CsvReader.Record record, String field) {
    Integer at = index.get(field);
    if (at == null) {
      return null;
    }
    String value = record.field(at);
    if (value == null) {
      return null;
    }
    String trimmed = value.trim();
    return trimmed.isEmpty() ? null : trimmed;
  }

  public boolean has(String field) {
    return index.containsKey(field);
  }

  /** Columns holding no field, as (header name, position), in file order. */
  public List<Map.Entry<String, Integer>> others() {
    Set<Integer> used = new HashSet<>(index.values());
    List<Map.Entry<String, Integer>> others = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      if (!used.contains(i) && !header.get(i).isBlank()) {
        others.add(Map.entry(header.get(i).trim(), i));
      }
    }
    return others;
  }

  public int width() {
    return header.size();
  }

  /**
   * Why a record does not fit the header, or null when it does: fewer fields than the header, or
   * more that are not blank (a comma in an unquoted value shifts every column after it; blank
   * fields at the end, as spreadsheets write them, are harmless).
   */
  public String widthProblem(CsvReader.Record record) {
    List<String> fields = record.fields();
    int filled = fields.size();
    while (filled > header.size() && fields.get(filled - 1).isBlank()) {
      filled--;
    }
    if (filled == header.size()) {
      return null;
    }
    if (filled < header.size()) {
      return "has " + fields.size() + " fields, the header has " + header.size();
    }
    return "has "
        + filled
        + " fields, the header has "
        + header.size()
        + " (is a value with a comma not quoted?)";
  }
}
