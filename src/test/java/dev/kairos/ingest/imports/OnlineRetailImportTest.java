package dev.kairos.ingest.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.platform.http.Json;
import dev.kairos.testing.SharedData;
import dev.kairos.testing.TestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The whole UCI Online Retail file (541,909 lines) imported through the tracking API, checked
 * against figures computed here from the raw file by a separate, deliberately plain reading (and
 * once, identically, by a Python script: see docs/import.md).
 */
class OnlineRetailImportTest {

  /** One customer's figures as the import rules define them (docs/import.md). */
  private static final class Figures {
    int orders;
    BigDecimal revenue = BigDecimal.ZERO;
    int refunds;
    BigDecimal refunded = BigDecimal.ZERO;
  }

  private record Line(String invoice, int quantity, BigDecimal price, String customer) {}

  @Test
  void importsTheOnlineRetailFileWithTheFiguresOfTheRawData() throws Exception {
    Path file = SharedData.require("online-retail.csv.gz");
    Expected expected = expected(file);
    // The same figures, as the Python reference script printed them.
    assertThat(expected.orders).isEqualTo(19_963);
    assertThat(expected.refunds).isEqualTo(3_836);
    assertThat(expected.customers.size()).isEqualTo(4_372);
    assertThat(expected.customers.values().stream().filter(f -> f.orders > 0).count())
        .isEqualTo(4_339);
    assertThat(expected.net).isEqualByComparingTo("9758809.99");

    try (TestServer server = TestServer.start(Clock.systemUTC())) {
      ImportSummary summary =
          new Importer(Json.MAPPER, Clock.systemUTC())
              .run(
                  CsvSource.of(file),
                  ImportOptions.parse(ImportKind.ORDERS, "online-retail", List.of(), null, null),
                  new dev.kairos.ingest.imports.client.HttpBatchTransport(
                      java.net.URI.create(server.baseUrl()), TestServer.WRITE_KEY, Json.MAPPER),
                  Importer.DEFAULT_CONCURRENCY,
                  progress -> {});
      System.out.printf(
          "Online Retail: %d lines in %d ms (%.0f lines/s), %d events%n",
          summary.lines(),
          summary.elapsedMillis(),
          summary.lines() * 1000.0 / summary.elapsedMillis(),
          summary.events());

      assertThat(summary.lines()).isEqualTo(541_909);
      assertThat(summary.badLines()).isZero();
      assertThat(summary.rejected()).isZero();
      assertThat(summary.events()).isEqualTo(expected.orders + expected.refunds);
      assertThat(summary.stored()).isEqualTo(summary.events());
      assertThat(summary.skipped()).isEqualTo(1_336 + 3 + 772);

      assertThat(server.count("select count(*) from orders")).isEqualTo(expected.orders);
      assertThat(server.count("select count(*) from identifiers where kind = 'userId'"))
          .isEqualTo(4_372);
      assertThat(server.count("select count(*) from profiles where orders_count > 0"))
          .isEqualTo(4_339 + 1_427); // customers with orders + guest orders (one profile each)
      assertThat(decimal(server, "select sum(revenue) from profiles"))
          .isEqualByComparingTo(expected.net);
      for (String customer : List.of("17850", "12346", "14646", "12347")) {
        Figures want = expected.customers.get(customer);
        JsonNode profile = server.get("/api/profiles?identifier=userId:" + customer).body();
        assertThat(profile.get("orders_count").asInt()).as(customer).isEqualTo(want.orders);
        assertThat(profile.get("revenue").decimalValue())
            .as(customer)
            .isEqualByComparingTo(want.revenue);
        assertThat(profile.get("refunds_count").asInt()).as(customer).isEqualTo(want.refunds);
        assertThat(profile.get("refunded").decimalValue())
            .as(customer)
            .isEqualByComparingTo(want.refunded);
      }
      // Customer 17850: 34 orders, one refund of 102.58; 12346 bought 74,215 mugs and returned
      // them.
      assertThat(expected.customers.get("17850").orders).isEqualTo(34);
      assertThat(expected.customers.get("12346").revenue).isEqualByComparingTo("0.00");
    }
  }

  private record Expected(
      int orders, int refunds, BigDecimal net, Map<String, Figures> customers) {}

  /**
   * The figures from the raw file, read without the importer: the description is the only field
   * that can hold commas, so each line is split by its first two and last five commas.
   */
  private static Expected expected(Path file) throws IOException {
    Map<String, List<Line>> invoices = new LinkedHashMap<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      in.readLine();
      String text;
      while ((text = in.readLine()) != null) {
        String[] head = text.split(",", 3);
        String[] tail = new String[5];
        int end = text.length();
        for (int i = 4; i >= 0; i--) {
          int comma = text.lastIndexOf(',', end - 1);
          tail[i] = text.substring(comma + 1, end);
          end = comma;
        }
        String customer = tail[3].isEmpty() ? null : tail[3].replace(".0", "");
        invoices
            .computeIfAbsent(head[0], k -> new ArrayList<>())
            .add(new Line(head[0], Integer.parseInt(tail[0]), new BigDecimal(tail[2]), customer));
      }
    }
    int orders = 0;
    int refunds = 0;
    BigDecimal net = BigDecimal.ZERO;
    Map<String, Figures> customers = new HashMap<>();
    for (Map.Entry<String, List<Line>> invoice : invoices.entrySet()) {
      String number = invoice.getKey();
      if (number.startsWith("A")) {
        continue;
      }
      boolean cancellation = number.startsWith("C");
      List<Line> lines =
          invoice.getValue().stream().filter(l -> cancellation || l.quantity() > 0).toList();
      if (lines.isEmpty()) {
        continue;
      }
      BigDecimal value = BigDecimal.ZERO;
      for (Line line : lines) {
        value = value.add(line.price().multiply(BigDecimal.valueOf(Math.abs(line.quantity()))));
      }
      value = value.setScale(2, RoundingMode.HALF_UP);
      String customer = lines.get(0).customer();
      if (!cancellation && customer == null && value.signum() == 0) {
        continue;
      }
      Figures figures =
          customer == null
              ? new Figures()
              : customers.computeIfAbsent(customer, c -> new Figures());
      if (cancellation) {
        refunds++;
        net = net.subtract(value);
        figures.refunds++;
        figures.refunded = figures.refunded.add(value);
        figures.revenue = figures.revenue.subtract(value);
      } else {
        orders++;
        net = net.add(value);
        figures.orders++;
        figures.revenue = figures.revenue.add(value);
      }
    }
    return new Expected(orders, refunds, net, customers);
  }

  private static BigDecimal decimal(TestServer server, String sql) {
    return new BigDecimal(server.row(sql).get(0));
  }
}
