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

/** The CSV → Segment calls mapping, without a server: what each file becomes. */
class ImportMappingTest {
  private final List<JsonNode> sent = new ArrayList<>();
  private final List<Integer> batchSizes = new ArrayList<>();
  private final BatchTransport capture =
      body -> {
        try {
          JsonNode batch = Json.MAPPER.readTree(body).get("batch");
          synchronized (sent) {
            batch.forEach(sent::add);
            batchSizes.add(body.length);
          }
          return CompletableFuture.completedFuture(
              new BatchTransport.Outcome(batch.size(), 0, List.of()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      };

  private ImportSummary run(ImportKind kind, String csv, String format, String... map) {
    return new Importer(Json.MAPPER, Clock.systemUTC())
        .run(
            CsvSource.of("test.csv", csv.getBytes(StandardCharsets.UTF_8)),
            ImportOptions.parse(kind, format, List.of(map), null, null),
            capture,
            4,
            progress -> {});
  }

  @Test
  void rowsOfOneOrderAreGroupedEvenWhenNotAdjacent() {
    String csv =
        """
        order_id,customer_id,order_date,product_id,product_name,price,quantity,currency
        1001,42,2024-03-01 10:00:00,P1,"Mug, large",10.50,2,EUR
        1002,,2024-03-02 11:00:00,P2,Plate,5,1,EUR
        1001,42,2024-03-01 10:00:00,P3,"Spoon ""silver""\",1.25,4,EUR
        """;

    ImportSummary summary = run(ImportKind.ORDERS, csv, null);

    assertThat(summary.lines()).isEqualTo(3);
    assertThat(summary.events()).isEqualTo(2);
    JsonNode first =
        sent.stream()
            .filter(e -> e.at("/properties/order_id").asText().equals("1001"))
            .findFirst()
            .orElseThrow();
    assertThat(first.get("event").asText()).isEqualTo("Order Completed");
    assertThat(first.get("messageId").asText()).isEqualTo("import-order-1001");
    assertThat(first.get("userId").asText()).isEqualTo("42");
    assertThat(first.get("timestamp").asText()).isEqualTo("2024-03-01T10:00:00Z");
    assertThat(first.at("/properties/revenue").decimalValue()).isEqualByComparingTo("26.00");
    assertThat(first.at("/properties/products")).hasSize(2);
    assertThat(first.at("/properties/products/0/name").asText()).isEqualTo("Mug, large");
    assertThat(first.at("/properties/products/1/name").asText()).isEqualTo("Spoon \"silver\"");
    JsonNode guest =
        sent.stream()
            .filter(e -> e.at("/properties/order_id").asText().equals("1002"))
            .findFirst()
            .orElseThrow();
    assertThat(guest.get("anonymousId").asText()).isEqualTo("guest-1002");
    assertThat(guest.has("userId")).isFalse();
  }

  @Test
  void aBadLineIsReportedWithItsNumberAndKeepsItsOrderOutWhileOtherOrdersAreKept() {
    String csv =
        """
        order_id,customer_id,order_date,product_id,price,quantity
        1,7,2024-01-01,A,2.00,1
        2,7,2024-01-02,A,two,1
        2,7,2024-01-02,B,3.00,1
        ,7,2024-01-03,A,1.00,1
        3,8,yesterday,A,1.00,1
        4,8,2024-01-04,A,1.00,1.5
        5,9,2024-01-05,A,1.00,3
        """;

    ImportSummary summary = run(ImportKind.ORDERS, csv, null);

    assertThat(summary.lines()).isEqualTo(7);
    assertThat(summary.badLines()).isEqualTo(4);
    assertThat(summary.errors())
        .extracting(ImportSummary.LineError::line, ImportSummary.LineError::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                3L, "price is not a number: 'two' (order 2 is not imported)"),
            org.assertj.core.groups.Tuple.tuple(5L, "missing order_id"),
            org.assertj.core.groups.Tuple.tuple(
                6L,
                "order_date is not a date: 'yesterday' (expected e.g. 2011-12-09 12:50:00 or"
                    + " ISO-8601) (order 3 is not imported)"),
            org.assertj.core.groups.Tuple.tuple(
                7L, "quantity is not a whole number: '1.5' (order 4 is not imported)"));
    assertThat(sent)
        .extracting(e -> e.at("/properties/order_id").asText())
        .containsExactly("1", "5");
  }

  @Test
  void aPriceWithADecimalCommaIsABadLineThatSaysCommasAreNotRead() {
    String csv =
        """
        order_id;customer_id;order_date;product_id;price;quantity
        1;7;2024-01-01;A;12,50;1
        2;7;2024-01-02;A;12.50;1
        """;

    ImportSummary summary = run(ImportKind.ORDERS, csv, null);

    assertThat(summary.badLines()).isEqualTo(1);
    assertThat(summary.errors().get(0).reason())
        .isEqualTo(
            "price is not a number: '12,50' (a decimal comma is not read: write 12.50, not"
                + " 12,50) (order 1 is not imported)");
    assertThat(sent).extracting(e -> e.at("/properties/order_id").asText()).containsExactly("2");
  }

  @Test
  void anOverLongRecordOverManyLinesIsOneBadLineAndTheSummaryCountsLinesAndRecords() {
    String notes = "\"" + ("x".repeat(999) + "\n").repeat(40) + "\"";
    String csv =
        "customer_id,email,notes\n"
            + "c-1,c1@example.com,"
            + notes
            + "\n"
            + "c-2,c2@example.com,\"two\nlines\"\n";

    ImportSummary summary = run(ImportKind.CUSTOMERS, csv, null);

    assertThat(summary.errors())
        .extracting(ImportSummary.LineError::line, ImportSummary.LineError::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                2L, "a field is longer than 32768 characters (the record spans lines 2-42)"));
    assertThat(summary.badLines()).isEqualTo(1);
    assertThat(summary.records()).isEqualTo(2);
    assertThat(summary.lines()).as("lines of the file after the header").isEqualTo(43);
    assertThat(sent).extracting(e -> e.path("userId").asText()).containsExactly("c-2");
    assertThatThrownBy(
            () ->
                run(
                    ImportKind.ORDERS,
                    "order_id,customer_id,order_date,product_id,product_name,price,quantity\n"
                        + "1,7,2024-01-01,A,"
                        + notes
                        + ",2.00,1\n",
                    null))
        .hasMessageContaining("line 2: a field is longer than 32768 characters")
        .hasMessageNotContaining("line 3");
  }

  @Test
  void anUnreadableHeaderIsReportedInASentenceNamingItsLine() {
    assertThatThrownBy(() -> run(ImportKind.ORDERS, "order_id,\"customer_id\n1,2\n", null))
        .hasMessage(
            "test.csv line 1: the header line cannot be read: a quote opened on this line is"
                + " never closed");
  }

  @Test
  void aRefundIsSentAfterTheOrdersWithItsAmount() {
    String csv =
        """
        order_id,type,customer_id,order_date,product_id,price,quantity,total
        9,refund,7,2024-02-01,,,,15.00
        9,order,7,2024-01-01,A,20.00,1,
        """;

    run(ImportKind.ORDERS, csv, null);

    assertThat(sent)
        .extracting(e -> e.get("event").asText())
        .containsExactly("Order Completed", "Order Refunded");
    assertThat(sent.get(1).at("/properties/total").decimalValue()).isEqualByComparingTo("15.00");
    assertThat(sent.get(1).get("messageId").asText()).isEqualTo("import-refund-9");
  }

  @Test
  void customersBecomeIdentifyCallsWithTheirOtherColumnsAsTraits() {
    String csv =
        """
        CustID,E-Mail,first_name,created_at,plan
        42,ann@example.com,Ann,2023-05-01 09:30,gold
        ,bob@example.com,Bob,,
        """;

    ImportSummary summary =
        run(ImportKind.CUSTOMERS, csv, null, "customer_id=CustID", "email=E-Mail");

    assertThat(summary.events()).isEqualTo(2);
    JsonNode ann = sent.get(0);
    assertThat(ann.get("type").asText()).isEqualTo("identify");
    assertThat(ann.get("userId").asText()).isEqualTo("42");
    assertThat(ann.get("traits").toString())
        .isEqualTo(
            "{\"email\":\"ann@example.com\",\"first_name\":\"Ann\","
                + "\"created_at\":\"2023-05-01T09:30:00Z\",\"plan\":\"gold\"}");
    assertThat(ann.get("messageId").asText()).matches("import-customer-42-[0-9a-f]{16}");
    assertThat(sent.get(1).get("anonymousId").asText()).startsWith("import-email-");
  }

  @Test
  void aCustomerRowShorterThanTheHeaderIsABadLine() {
    String csv =
        """
        customer_id,email,first_name
        7,seven@example.com,Sev
        8,short
        """;

    ImportSummary summary = run(ImportKind.CUSTOMERS, csv, null);

    assertThat(summary.events()).isEqualTo(1);
    assertThat(summary.errors()).hasSize(1);
    assertThat(summary.errors().get(0).line()).isEqualTo(3);
    assertThat(summary.errors().get(0).reason()).contains("2 fields, the header has 3");
  }

  @Test
  void theSameFileGivesTheSameMessageIds() {
    String csv = "customer_id,email\n1,a@example.com\n2,b@example.com\n";
    run(ImportKind.CUSTOMERS, csv, null);
    List<String> first = sent.stream().map(e -> e.get("messageId").asText()).toList();
    sent.clear();
    run(ImportKind.CUSTOMERS, csv, null);
    assertThat(sent.stream().map(e -> e.get("messageId").asText()).toList()).isEqualTo(first);
  }

  @Test
  void anOrderTooLargeForOneCallKeepsItsAmountAndAsManyProductsAsFit() {
    StringBuilder csv =
        new StringBuilder(
            "order_id,customer_id,order_date,product_id,product_name,price,quantity\n");
    for (int i = 0; i < 1000; i++) {
      csv.append("77,1,2024-01-01,SKU-")
          .append(i)
          .append(",A PRODUCT WITH A LONG NAME NUMBER ")
          .append(i)
          .append(",1.00,1\n");
    }

    ImportSummary summary = run(ImportKind.ORDERS, csv.toString(), null);

    assertThat(summary.ordersTrimmed()).isEqualTo(1);
    JsonNode order = sent.get(0);
    assertThat(order.toString().length()).isLessThanOrEqualTo(OrderEvents.MAX_EVENT_BYTES);
    assertThat(order.at("/properties/revenue").decimalValue()).isEqualByComparingTo("1000.00");
    int kept = order.at("/properties/products").size();
    assertThat(kept).isGreaterThan(200);
    assertThat(order.at("/properties/products_omitted").asInt()).isEqualTo(1000 - kept);
  }

  @Test
  void batchesStayWithinTheTrackingApiLimits() {
    StringBuilder csv = new StringBuilder("customer_id,email,notes\n");
    String notes = "x".repeat(400);
    for (int i = 0; i < 6000; i++) {
      csv.append(i).append(",c").append(i).append("@example.com,").append(notes).append('\n');
    }

    ImportSummary summary = run(ImportKind.CUSTOMERS, csv.toString(), null);

    assertThat(summary.events()).isEqualTo(6000);
    assertThat(batchSizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(500 * 1024));
    assertThat(batchSizes.size()).isGreaterThan(1);
  }

  @Test
  void onlineRetailRowsFollowTheFormatsRules() {
    String csv =
        """
        InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
        536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER ,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom
        C536379,D,Discount,-1,2010-12-01 09:41:00,27.50,14527.0,United Kingdom
        536414,22139,,56,2010-12-01 11:52:00,0.0,,United Kingdom
        536415,22140,lost,-5,2011-06-01 11:52:00,0.0,,United Kingdom
        A563185,B,Adjust bad debt,1,2011-08-12 14:50:00,11062.06,,United Kingdom
        """;

    ImportSummary summary = run(ImportKind.ORDERS, csv, "online-retail");

    assertThat(summary.skipped()).isEqualTo(3);
    assertThat(sent).hasSize(2);
    JsonNode order = sent.get(0);
    assertThat(order.get("userId").asText()).isEqualTo("17850");
    assertThat(order.get("timestamp").asText()).isEqualTo("2010-12-01T08:26:00Z");
    assertThat(order.at("/properties/currency").asText()).isEqualTo("GBP");
    assertThat(order.at("/properties/products/0/name").asText())
        .isEqualTo("WHITE HANGING HEART T-LIGHT HOLDER");
    JsonNode refund = sent.get(1);
    assertThat(refund.get("event").asText()).isEqualTo("Order Refunded");
    assertThat(refund.at("/properties/order_id").asText()).isEqualTo("C536379");
    assertThat(refund.at("/properties/total").decimalValue()).isEqualByComparingTo("27.50");
  }

  @Test
  void summerDatesOfOnlineRetailAreBritishSummerTime() {
    String csv =
        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
            + "555000,1,X,1,2011-06-01 10:00:00,1.0,1.0,United Kingdom\n";
    run(ImportKind.ORDERS, csv, "online-retail");
    assertThat(sent.get(0).get("timestamp").asText()).isEqualTo("2011-06-01T09:00:00Z");
  }

  @Test
  void aMappedColumnMissingFromTheHeaderStopsTheImportNamingIt() {
    assertThatThrownBy(
            () -> run(ImportKind.CUSTOMERS, "id,email\n1,a@b.c\n", null, "customer_id=CustID"))
        .isInstanceOf(ImportProblem.class)
        .hasMessageContaining("column 'CustID' (--map customer_id=CustID) is not in the header");
    assertThatThrownBy(() -> run(ImportKind.ORDERS, "id,when\n1,2024-01-01\n", null))
        .isInstanceOf(ImportProblem.class)
        .hasMessageContaining("has no order_id column");
    assertThat(sent).isEmpty();
  }

  @Test
  void lineNumbersCountLineBreaksInsideQuotedFields() {
    String csv = "customer_id,email,notes\n1,a@example.com,\"two\nlines\"\n,,\n";
    ImportSummary summary = run(ImportKind.CUSTOMERS, csv, null);
    assertThat(summary.errors()).extracting(ImportSummary.LineError::line).containsExactly(4L);
  }
}
