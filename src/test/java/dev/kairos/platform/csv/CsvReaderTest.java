package dev.kairos.platform.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.platform.csv.CsvReader.Malformed;
import dev.kairos.platform.csv.CsvReader.Record;
import dev.kairos.platform.csv.CsvReader.Row;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

  static List<Row> rows(String text) {
    return rows(text, CsvLimits.DEFAULT);
  }

  static List<Row> rows(String text, CsvLimits limits) {
    List<Row> rows = new ArrayList<>();
    try (CsvReader reader = CsvReader.open(new StringReader(text), limits)) {
      Row row;
      while ((row = reader.next()) != null) {
        rows.add(row);
      }
    }
    return rows;
  }

  @Test
  void a_quoted_line_break_stays_in_its_field_and_the_next_row_knows_its_line() {
    List<Row> rows = rows("id,name,price\n1,\"Mug\nlarge\",9.5\n2,Tea,3\n");

    assertThat(rows)
        .containsExactly(
            new Record(1, 1, List.of("id", "name", "price")),
            new Record(2, 3, List.of("1", "Mug\nlarge", "9.5")),
            new Record(4, 4, List.of("2", "Tea", "3")));
  }

  @Test
  void crlf_line_ends_are_not_part_of_the_fields_and_count_once() {
    List<Row> rows = rows("id,name\r\n1,\"a\r\nb\"\r\n2,c\r\n");

    assertThat(rows)
        .containsExactly(
            new Record(1, 1, List.of("id", "name")),
            new Record(2, 3, List.of("1", "a\r\nb")),
            new Record(4, 4, List.of("2", "c")));
  }

  @Test
  void a_byte_order_mark_is_not_part_of_the_first_column_name() {
    assertThat(rows("\uFEFFid,name\n1,a\n").get(0))
        .isEqualTo(new Record(1, 1, List.of("id", "name")));
  }

  @Test
  void semicolon_separated_files_are_recognised_by_their_header() {
    assertThat(rows("id;name;price\n1;\"a;b\";9,5\n"))
        .containsExactly(
            new Record(1, 1, List.of("id", "name", "price")),
            new Record(2, 2, List.of("1", "a;b", "9,5")));
  }

  @Test
  void tab_separated_files_are_recognised_by_their_header() {
    assertThat(rows("id\tname\n1\ta, b\n").get(1))
        .isEqualTo(new Record(2, 2, List.of("1", "a, b")));
  }

  @Test
  void blank_lines_are_skipped_and_still_counted() {
    assertThat(rows("a,b\n\n1,2\r\n\r\n3,4"))
        .containsExactly(
            new Record(1, 1, List.of("a", "b")),
            new Record(3, 3, List.of("1", "2")),
            new Record(5, 5, List.of("3", "4")));
  }

  @Test
  void a_doubled_quote_is_a_quote() {
    assertThat(rows("a\n\"say \"\"hi\"\"\"\n").get(1))
        .isEqualTo(new Record(2, 2, List.of("say \"hi\"")));
  }

  /**
   * The case of the review: 18 order rows, the quote on line 8 never closed. A later quote closes
   * it, so a line-based reader swallowed the lines between into one bad row and reported 11.
   */
  @Test
  void an_unclosed_quote_is_reported_on_its_line_and_every_other_row_is_still_read() {
    StringBuilder file = new StringBuilder("order_id,product_name,price\n");
    for (int row = 1; row <= 18; row++) {
      String name = row == 7 ? "\"Mug, large" : row == 14 ? "\"Tea\"" : "Plate";
      file.append("o-").append(row).append(',').append(name).append(",9.5\n");
    }

    List<Row> rows = rows(file.toString());

    List<Malformed> malformed = malformed(rows);
    assertThat(malformed).hasSize(1);
    assertThat(malformed.get(0).line()).isEqualTo(8);
    assertThat(malformed.get(0).reason()).contains("opened on line 8").contains("on line 15");
    List<Record> records = records(rows);
    assertThat(records).hasSize(18); // the header and the 17 good rows
    assertThat(records.stream().map(Record::line))
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, 19)
                .filter(line -> line != 8)
                .boxed()
                .collect(Collectors.toList()));
    assertThat(records.get(13).fields()).containsExactly("o-14", "Tea", "9.5");
  }

  @Test
  void a_quote_never_closed_until_the_end_is_reported_and_the_lines_after_it_are_read() {
    List<Row> rows = rows("a,b\n1,\"open\n2,x\n3,y\n");

    assertThat(malformed(rows))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.line()).isEqualTo(2);
              assertThat(m.reason()).contains("never closed");
            });
    assertThat(records(rows).stream().map(Record::fields))
        .containsExactly(List.of("a", "b"), List.of("2", "x"), List.of("3", "y"));
  }

  @Test
  void rows_of_a_file_without_a_final_line_break_keep_their_lines() {
    assertThat(rows("a,b\n1,2\n3,4").get(2)).isEqualTo(new Record(3, 3, List.of("3", "4")));
  }

  @Test
  void an_unclosed_quote_on_the_last_line_is_reported() {
    List<Row> rows = rows("a,b\n1,2\n3,\"open");

    assertThat(malformed(rows)).singleElement().extracting(Malformed::line).isEqualTo(3);
    assertThat(records(rows)).hasSize(2);
  }

  @Test
  void text_after_a_closing_quote_is_reported_with_its_line() {
    List<Row> rows = rows("a,b\n1,\"x\"y\n2,z\n");

    assertThat(malformed(rows)).singleElement().extracting(Malformed::line).isEqualTo(2);
    assertThat(records(rows).get(1).fields()).containsExactly("2", "z");
  }

  @Test
  void a_field_longer_than_the_limit_is_a_malformed_row() {
    List<Row> rows = rows("a,b\n1," + "x".repeat(200) + "\n2,y\n", new CsvLimits(100, 1000));

    assertThat(malformed(rows)).singleElement().extracting(Malformed::line).isEqualTo(2);
    assertThat(records(rows).get(1).fields()).containsExactly("2", "y");
  }

  @Test
  void a_too_long_record_over_many_lines_is_one_malformed_row_naming_its_first_line() {
    String longField = "\"" + "a line of a long description\n".repeat(40) + "\"";
    List<Row> rows = rows("a,b,c\n1," + longField + ",x\n2,y,z\n", new CsvLimits(100, 100_000));

    assertThat(malformed(rows))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.line()).isEqualTo(2);
              assertThat(m.lastLine()).isEqualTo(42);
              assertThat(m.reason()).contains("longer than 100").contains("lines 2-42");
            });
    assertThat(records(rows))
        .extracting(Record::fields)
        .containsExactly(List.of("a", "b", "c"), List.of("2", "y", "z"));
    assertThat(records(rows).get(1).line()).isEqualTo(43);
  }

  @Test
  void a_row_longer_than_the_limit_is_reported_without_holding_the_whole_file() {
    String rest = "3,z\n".repeat(10);
    List<Row> rows =
        rows("a,b\n1,\"" + "x\n".repeat(200_000) + "\n2,y\n" + rest, new CsvLimits(100, 1000));

    assertThat(malformed(rows)).first().extracting(Malformed::line).isEqualTo(2);
    assertThat(malformed(rows).get(0).reason()).contains("longer than 1000");
    assertThat(records(rows).stream().filter(r -> r.fields().equals(List.of("3", "z"))))
        .hasSize(10);
  }

  static List<Malformed> malformed(List<Row> rows) {
    return rows.stream()
        .filter(Malformed.class::isInstance)
        .map(Malformed.class::cast)
        .collect(Collectors.toList());
  }

  static List<Record> records(List<Row> rows) {
    return rows.stream()
        .filter(Record.class::isInstance)
        .map(Record.class::cast)
        .collect(Collectors.toList());
  }
}
