package dev.kairos.intelligence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.ingest.imports.CsvSource;
import dev.kairos.ingest.imports.ImportKind;
import dev.kairos.ingest.imports.ImportOptions;
import dev.kairos.ingest.imports.ImportSummary;
import dev.kairos.ingest.imports.Importer;
import dev.kairos.ingest.imports.client.HttpBatchTransport;
import dev.kairos.platform.http.Json;
import dev.kairos.testing.SharedData;
import dev.kairos.testing.TestServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a new user does with the README's own data: import the UCI Online Retail file into a server
 * as {@code kairos import orders … --format online-retail} does (the same importer, over HTTP),
 * recompute as of the day the data ends, and read the figures docs/rfm-and-lifecycle.md quotes from
 * the API.
 */
class OnlineRetailThroughTheServerTest {
  static TestServer server;
  static JsonNode summary;

  @BeforeAll
  static void importAndRecompute() {
    Path file = SharedData.require("online-retail.csv.gz");
    // a UK shop: invoice times and send hours in London time, as the docs' figures are
    server =
        TestServer.start(Clock.systemUTC(), Map.of("KAIROS_WORKSPACE_TIME_ZONE", "Europe/London"));
    ImportSummary imported =
        new Importer(Json.MAPPER, Clock.systemUTC())
            .run(
                CsvSource.of(file),
                ImportOptions.parse(ImportKind.ORDERS, "online-retail", List.of(), null, null),
                new HttpBatchTransport(
                    URI.create(server.baseUrl()), TestServer.WRITE_KEY, Json.MAPPER),
                Importer.DEFAULT_CONCURRENCY,
                progress -> {});
    assertThat(imported.stored()).isEqualTo(imported.events());
    server.awaitApplied();
    TestServer.Response response =
        server.admin("POST", "/api/intelligence/recompute?as_of=2011-12-09");
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    summary = response.body();
    System.out.println(summary.toPrettyString());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void the_analysis_date_is_the_end_of_the_last_day_of_the_data() {
    assertThat(summary.path("as_of").asText()).isEqualTo("2011-12-10T00:00:00Z");
  }

  /** The cell table of docs/rfm-and-lifecycle.md: customers, mean monetary, days, orders. */
  static final Object[][] CELLS = {
    {"Champions", 602, 6_609, 6, 12.0},
    {"Loyal", 780, 2_964, 32, 6.3},
    {"Potential Loyalist", 504, 561, 16, 2.0},
    {"New", 35, 151, 7, 1.0},
    {"Promising", 90, 145, 22, 1.0},
    {"Need Attention", 179, 838, 49, 2.3},
    {"About to Sleep", 355, 303, 50, 1.2},
    {"At Risk", 567, 1_121, 144, 2.7},
    {"Can't Lose Them", 74, 3_162, 111, 6.7},
    {"Hibernating", 386, 304, 111, 1.2},
    {"Lost", 670, 260, 259, 1.1},
  };

  @Test
  void rfm_reproduces_the_documented_cell_table() {
    JsonNode rfm = summary.path("steps").path("rfm");
    assertThat(rfm.path("customers_ranked").asInt()).isEqualTo(4_242);
    assertThat(rfm.path("frequency_cuts").toString()).isEqualTo("[1,2,3,5]");
    assertThat(rfm.path("monetary_cuts").toString()).isEqualTo("[241.06,473.14,913.79,1995.46]");
    for (Object[] row : CELLS) {
      JsonNode cell = rfm.path("cells").path((String) row[0]);
      assertThat(cell.path("customers").asInt()).as("%s", row[0]).isEqualTo(row[1]);
      assertThat(Math.round(cell.path("mean_monetary").asDouble()))
          .as("%s", row[0])
          .isEqualTo(((Integer) row[2]).longValue());
      assertThat(Math.round(cell.path("mean_days_since_last_order").asDouble()))
          .as("%s", row[0])
          .isEqualTo(((Integer) row[3]).longValue());
      assertThat(cell.path("mean_orders").asDouble())
          .as("%s", row[0])
          .isCloseTo((Double) row[4], within(0.051));
    }
  }

  @Test
  void lifecycle_reproduces_the_documented_thresholds_and_stages() {
    JsonNode lifecycle = summary.path("steps").path("lifecycle");
    assertThat(lifecycle.path("typical_interpurchase_days").asInt()).isEqualTo(48); // 47.7
    assertThat(lifecycle.path("at_risk_after_days").asInt()).isEqualTo(95);
    assertThat(lifecycle.path("lapsed_after_days").asInt()).isEqualTo(191);
    assertThat(lifecycle.path("vip_minimum_revenue").decimalValue())
        .isEqualByComparingTo("3541.92");
    assertThat(lifecycle.path("first_time_buyer").asInt()).isEqualTo(649);
    assertThat(lifecycle.path("repeat_buyer").asInt()).isEqualTo(1_196);
    assertThat(lifecycle.path("vip").asInt()).isEqualTo(488);
    assertThat(lifecycle.path("at_risk").asInt()).isEqualTo(611);
    assertThat(lifecycle.path("lapsed").asInt()).isEqualTo(793);
    assertThat(lifecycle.path("won_back").asInt()).isEqualTo(580);
  }

  @Test
  void send_hours_reproduce_the_documented_peak_and_personal_hours() {
    JsonNode sendHour = summary.path("steps").path("send_hour");
    assertThat(sendHour.path("shop_peak_hour").asInt()).isEqualTo(13);
    assertThat(sendHour.path("personal").asInt()).isEqualTo(1_934);
    // customers with an order in the year before: the send-hour lookback
    assertThat(sendHour.path("people_with_engagement").asInt()).isEqualTo(4_242);
  }

  @Test
  void a_customer_who_refunded_everything_is_not_a_buyer() {
    // 12346 bought 74,215 mugs for 77,183.60 and returned them the same day (invoice C541433)
    JsonNode profile = server.profile("userId:12346");
    assertThat(profile.path("revenue").decimalValue()).isEqualByComparingTo("0");
    assertThat(profile.path("predictions").isNull()).as(profile.toString()).isTrue();
    assertThat(profile.path("rfm").isNull()).isTrue();
    assertThat(profile.path("lifecycle_stage").asText()).isEqualTo("visitor");
  }

  @Test
  void historic_value_is_the_revenue_net_of_refunds() {
    // 17850: 34 orders, 5,391.21 sold, one credit note of 102.58
    JsonNode profile = server.profile("userId:17850");
    assertThat(profile.path("revenue").decimalValue()).isEqualByComparingTo("5288.63");
    assertThat(profile.at("/predictions/historic_clv").decimalValue())
        .isEqualByComparingTo("5288.63");
  }

  @Test
  void the_clv_fit_counts_the_customers_who_bought() {
    JsonNode clv = summary.path("steps").path("clv");
    assertThat(clv.path("outcome").asText()).isEqualTo("fitted");
    // the 4,339 customers with an order, less 22 whose purchases their credit notes refunded
    assertThat(clv.path("customers").asInt()).isEqualTo(4_317);
  }

  /**
   * A property of this data, documented in docs/clv.md: the BG/NBD likelihood is highest with
   * (almost) no dropout, so every customer is almost surely alive as of the end of the data.
   */
  @Test
  void on_this_data_the_fit_finds_no_dropout_so_every_customer_is_alive() {
    JsonNode purchases = summary.path("steps").path("clv").path("parameters");
    double a = purchases.path("a").asDouble();
    double b = purchases.path("b").asDouble();
    assertThat(a / (a + b)).isLessThan(1e-4);
    assertThat(server.count("select count(*) from profiles where p_alive < 0.999")).isZero();
    assertThat(server.count("select count(*) from profiles where p_alive is not null"))
        .isEqualTo(4_317);
  }
}
