package dev.kairos.intelligence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.ingest.imports.CsvSource;
import dev.kairos.ingest.imports.ImportKind;
import dev.kairos.ingest.imports.ImportOptions;
import dev.kairos.ingest.imports.ImportSummary;
import dev.kairos.ingest.imports.Importer;
import dev.kairos.ingest.imports.client.HttpBatchTransport;
import dev.kairos.platform.http.Json;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server that starts empty, then imports an Online Retail-format order file (every invoice
 * carries a POSTAGE line): it must answer from the imported orders without waiting for the hourly
 * rebuild, never recommend postage, and take a product flagged through the API out at once.
 */
class ImportedShopRecommendationsTest {
  static final Instant START = Instant.parse("2011-12-10T09:00:00Z");
  static final SettableClock clock = new SettableClock(START);
  static TestServer server;

  @BeforeAll
  static void emptyServerThenImport() throws Exception {
    server = TestServer.start(clock);
    // the first request builds a model of the empty shop
    assertThat(server.get("/api/products/85123A/recommendations").status()).isEqualTo(404);
    ImportSummary summary =
        new Importer(Json.MAPPER, clock)
            .run(
                CsvSource.of("orders.csv", file().getBytes(StandardCharsets.UTF_8)),
                ImportOptions.parse(ImportKind.ORDERS, "online-retail", List.of(), null, null),
                new HttpBatchTransport(
                    URI.create(server.baseUrl()), TestServer.WRITE_KEY, Json.MAPPER),
                Importer.DEFAULT_CONCURRENCY,
                progress -> {});
    assertThat(summary.badLines()).isZero();
    server.awaitApplied();
    clock.advance(Duration.ofSeconds(11));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** 12 customers; each invoice holds a lantern or a heart with a candle, and postage. */
  static String file() {
    StringBuilder csv =
        new StringBuilder(
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n");
    int invoice = 540000;
    for (int customer = 1; customer <= 12; customer++) {
      for (int order = 0; order < 3; order++) {
        String date = "2011-1" + order + "-0" + (1 + customer % 9) + " 10:00:00";
        String id = String.valueOf(invoice++);
        String main = customer % 3 == 0 ? "71053,WHITE METAL LANTERN" : "85123A,WHITE HEART";
        String who = (12000 + customer) + ".0";
        csv.append(id).append(',').append(main).append(",2,").append(date);
        csv.append(",2.55,").append(who).append(",United Kingdom\n");
        csv.append(id).append(",21212,CANDLE,4,").append(date);
        csv.append(",0.55,").append(who).append(",United Kingdom\n");
        csv.append(id).append(",POST,POSTAGE,1,").append(date);
        csv.append(",18.00,").append(who).append(",United Kingdom\n");
      }
    }
    return csv.toString();
  }

  @Test
  void the_import_flags_postage_as_non_merchandise_in_the_catalog() {
    assertThat(server.row("select non_merchandise from products where product_id = 'POST'"))
        .containsExactly("t");
    assertThat(server.row("select non_merchandise from products where product_id = '21212'"))
        .containsExactly((String) null);
  }

  @Test
  void a_server_started_before_the_import_answers_from_the_imported_orders() {
    JsonNode answer = ok("/api/profiles/" + profile("12001") + "/recommendations");
    assertThat(answer.path("strategy").asText()).isEqualTo("for_you");
    assertThat(ids(answer)).isNotEmpty().contains("85123A", "21212");
    assertThat(answer.path("model_built_for").asText()).isEqualTo(clock.instant().toString());
  }

  @Test
  void postage_in_every_order_is_never_recommended_nor_popular() {
    for (String path :
        List.of(
            "/api/products/85123A/recommendations",
            "/api/products/85123A/recommendations?strategy=popular_in_category",
            "/api/profiles/" + profile("12003") + "/recommendations?strategy=buy_again",
            "/api/profiles/" + profile("12003") + "/recommendations?strategy=popular",
            "/api/profiles/" + profile("12003") + "/recommendations?strategy=next_best_offer")) {
      assertThat(ids(ok(path))).as(path).isNotEmpty().doesNotContain("POST");
    }
  }

  @Test
  void a_catalog_product_newer_than_the_model_is_answered_not_404() {
    server.trackOk(
        "/v1/track",
        "{\"userId\":\"newcomer\",\"event\":\"Product Viewed\",\"timestamp\":\""
            + clock.instant()
            + "\",\"properties\":{\"product_id\":\"brand-new\",\"name\":\"Brand new\"}}");
    server.trackOk(
        "/v1/track",
        "{\"userId\":\"newcomer\",\"event\":\"Order Completed\",\"timestamp\":\""
            + clock.instant()
            + "\",\"properties\":{\"order_id\":\"n1\",\"revenue\":3,\"products\":"
            + "[{\"product_id\":\"brand-new\",\"name\":\"Brand new\",\"quantity\":1}]}}");
    server.awaitApplied();
    JsonNode answer = ok("/api/products/brand-new/recommendations");
    assertThat(ids(answer)).isNotEmpty().doesNotContain("brand-new", "POST");
    assertThat(answer.path("recommendations").get(0).path("fallback").asBoolean()).isTrue();
  }

  @Test
  void a_product_flagged_through_the_api_leaves_the_answers_at_once() {
    String before = "/api/profiles/" + profile("12004") + "/recommendations?strategy=popular";
    assertThat(ids(ok(before))).contains("71053");
    TestServer.Response flagged =
        server.admin("PATCH", "/api/products/71053", "{\"non_merchandise\": true}");
    assertThat(flagged.status()).as(flagged.text()).isEqualTo(200);
    assertThat(flagged.body().path("non_merchandise").asBoolean()).isTrue();
    assertThat(ids(ok(before))).doesNotContain("71053");
    server.admin("PATCH", "/api/products/71053", "{\"non_merchandise\": false}");
    assertThat(ids(ok(before))).contains("71053");
  }

  @Test
  void a_bad_flag_or_parameter_is_refused_naming_it_and_changes_nothing() {
    TestServer.Response unknown =
        server.admin("PATCH", "/api/products/21212", "{\"non_merchandise\": true, \"x\": 1}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.text()).contains("\"x\"");
    TestServer.Response notBoolean =
        server.admin("PATCH", "/api/products/21212", "{\"non_merchandise\": \"yes\"}");
    assertThat(notBoolean.status()).isEqualTo(400);
    assertThat(notBoolean.text()).contains("non_merchandise");
    assertThat(server.row("select non_merchandise from products where product_id = '21212'"))
        .containsExactly((String) null);
    TestServer.Response parameter = server.get("/api/products/21212/recommendations?limit=3");
    assertThat(parameter.status()).isEqualTo(400);
    assertThat(parameter.text()).contains("limit");
  }

  private static String profile(String customer) {
    return server.profile("userId:" + customer).path("id").asText();
  }

  private static JsonNode ok(String path) {
    TestServer.Response response = server.get(path);
    assertThat(response.status()).as(path + ": " + response.text()).isEqualTo(200);
    return response.body();
  }

  private static List<String> ids(JsonNode answer) {
    List<String> ids = new ArrayList<>();
    for (JsonNode r : answer.path("recommendations")) {
      ids.add(r.path("product_id").asText());
    }
    return ids;
  }
}
