package dev.kairos.intelligence.recommend.io;

import java.util.ArrayList;
import java.util.List;

/** Splits one CSV line (RFC 4180 quoting: "a,b" and "" for a quote) into fields. */
final class CsvFields {
  private CsvFields() {}

  /**
   * The fields of a line.
   *
   * @throws IllegalArgumentException when a quoted field is not closed
   */
  static List<String> split(String line) {
    List<String> fields = new ArrayList<>(8);
    int n = line.length();
    int i = 0;
    while (true) {
      if (i < n && line.charAt(i) == '"') {
        StringBuilder field = new StringBuilder();
        i++;
        while (true) {
          if (i >= n) {
            throw new IllegalArgumentException("unclosed quote");
          }
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < n && line.charAt(i) == '"') {
              field.append('"');
              i++;
            } else {
              break;
            }
          } else {
            field.append(c);
          }
        }
        fields.add(field.toString());
        if (i < n && line.charAt(i) != ',') {
          throw new IllegalArgumentException("text after a closing quote");
        }
      } else {
        int comma = line.indexOf(',', i);
        int end = comma < 0 ? n : comma;
        fields.add(line.substring(i, end));
        i = end;
      }
      if (i >= n) {
        return fields;
      }
      i++; // skip the comma
    }
  }
}
