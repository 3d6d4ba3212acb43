package dev.kairos.platform.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.platform.csv.CsvReader.Record;
import dev.kairos.platform.csv.CsvReader.Row;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CsvReaderProperties {

  /** Whatever the fields hold, written with RFC 4180 quoting they read back as written. */
  @Property(tries = 300)
  void rows_written_with_quoting_read_back_with_their_lines(
      @ForAll("tables") List<List<String>> table, @ForAll boolean crlf) {
    String lineEnd = crlf ? "\r\n" : "\n";
    StringBuilder text = new StringBuilder();
    List<Integer> firstLines = new ArrayList<>();
    int line = 1;
    for (List<String> row : table) {
      firstLines.add(line);
      List<String> quoted = new ArrayList<>();
      for (String field : row) {
        quoted.add("\"" + field.replace("\"", "\"\"") + "\"");
        line += (int) field.chars().filter(c -> c == '\n').count();
      }
      text.append(String.join(",", quoted)).append(lineEnd);
      line++;
    }

    List<Row> rows = CsvReaderTest.rows(text.toString());

    assertThat(rows).allMatch(Record.class::isInstance);
    assertThat(rows.stream().map(r -> ((Record) r).fields())).containsExactlyElementsOf(table);
    assertThat(rows.stream().map(Row::line)).containsExactlyElementsOf(firstLines);
  }

  @Provide
  Arbitrary<List<List<String>>> tables() {
    Arbitrary<String> field =
        Arbitraries.strings().withChars("ab,;\"\n é").ofMinLength(1).ofMaxLength(8);
    return Arbitraries.integers()
        .between(1, 4)
        .flatMap(width -> field.list().ofSize(width).list().ofMinSize(1).ofMaxSize(12));
  }
}
