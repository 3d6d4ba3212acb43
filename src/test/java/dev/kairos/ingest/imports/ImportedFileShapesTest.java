package dev.kairos.ingest.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.platform.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Files as spreadsheets and shops write them, and files with a damaged line, through the import.
 */
class ImportedFileShapesTest {
  private final List<JsonNode> sent = new ArrayList<>();
  private final BatchTransport capture =
      body -> {
        try {
          JsonNode batch = Json.MAPPER.readTree(body).get("batch");
          synchronized (sent) {
            batch.forEach(sent::add);
          }
          return CompletableFuture.completedFuture(
              new BatchTransport.Outcome(batch.size(), 0, List.of()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      };

  private ImportSummary run(ImportKind kind, String csv) {
    return new Importer(Json.MAPPER, Clock.systemUTC())
        .run(
            CsvSource.of("test.csv", csv.getBytes(StandardCharsets.UTF_8)),
            ImportOptions.parse(kind, null, List.of(), null, null),
            capture,
            4,
            progress -> {});
  }

  /** 18 order rows, the quote on line 8 never closed (the review's file). */
  private static String ordersWithAnUnclosedQuote() {
    StringBuilder csv =
        new StringBuilder(
            "order_id,customer_id,order_date,product_id,product_name,price,quantity\n");
    for (int row = 1; row <= 18; row++) {
      String name = row == 7 ? "\"Mug, large" : row == 14 ? "\"Tea\"" : "Plate";
      csv.append("o-").append(row).append(",c-").append(row).append(",2024-03-01,p,");
      csv.append(name).append(",9.5,1\n");
    }
    return csv.toString();
  }

  @Test
  void an_orders_file_with_an_unclosed_quote_is_refused_naming_the_line_and_nothing_is_sent() {
    assertThatThrownBy(() -> run(ImportKind.ORDERS, ordersWithAnUnclosedQuote()))
        .isInstanceOf(ImportProblem.class)
        .hasMessageContaining("line 8")
        .hasMessageContaining("nothing is imported");
    assertThat(sent).isEmpty();
  }

  @Test
  void a_customers_file_with_an_unclosed_quote_reports_the_line_and_imports_every_other_row() {
    StringBuilder csv = new StringBuilder("customer_id,first_name,city\n");
    for (int row = 1; row <= 18; row++) {
      String city = row == 7 ? "\"York, North" : row == 14 ? "\"Leeds\"" : "Hull";
      csv.append("c-").append(row).append(",Ann,").append(city).append('\n');
    }

    ImportSummary summary = run(ImportKind.CUSTOMERS, csv.toString());

    assertThat(summary.lines()).isEqualTo(18);
    assertThat(summary.badLines()).isEqualTo(1);
    assertThat(summary.errors())
        .singleElement()
        .extracting(ImportSummary.LineError::line)
        .isEqualTo(8L);
    assertThat(sent).hasSize(17);
  }

  @Test
  void semicolon_separated_crlf_files_with_a_byte_order_mark_import_like_any_other() {
    String csv =
        "\uFEFFcustomer_id;first_name;note\r\n42;Ann;\"line one\r\nline two; still the note\"\r\n";

    ImportSummary summary = run(ImportKind.CUSTOMERS, csv);

    assertThat(summary.badLines()).isZero();
    assertThat(sent)
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.get("userId").asText()).isEqualTo("42");
              assertThat(call.at("/traits/note").asText())
                  .isEqualTo("line one\r\nline two; still the note");
            });
  }

  @Test
  void a_row_with_more_values_than_the_header_is_a_bad_line_and_keeps_its_order_out() {
    String csv =
        """
        order_id,customer_id,order_date,product_id,product_name,price,quantity
        o-1,c-1,2024-03-01,p1,Mug, large,9.5,1
        o-1,c-1,2024-03-01,p2,Plate,2,1
        o-2,c-2,2024-03-01,p2,Plate,2,1,,
        """;

    ImportSummary summary = run(ImportKind.ORDERS, csv);

    assertThat(summary.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.reason()).contains("has 8 fields, the header has 7");
              assertThat(e.reason()).contains("order o-1 is not imported");
            });
    assertThat(sent)
        .singleElement()
        .satisfies(e -> assertThat(e.at("/properties/order_id").asText()).isEqualTo("o-2"));
  }
}
