package dev.kairos.intelligence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CLV models fitted by the full recompute inside a real server, on orders imported through the
 * management API: predictions on the profile, the model row, the minimum-data rule and the
 * incremental pass.
 */
class ClvInTheServerTest {
  static final Instant NOW = Instant.parse("2026-05-01T09:00:00Z");
  final SettableClock clock = new SettableClock(NOW);
  TestServer server;
  int orderIds;

  @BeforeEach
  void start() {
    server = TestServer.start(clock, Map.of("KAIROS_INTELLIGENCE_SCHEDULE", "off"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void a_shop_with_enough_customers_gets_sane_predictions_and_a_stored_model() {
    StringBuilder csv = header();
    shop(csv, 180, 11);
    // a frequent, recent buyer: every two weeks for a year, last order two days ago
    for (int day = 366; day >= 2; day -= 14) {
      order(csv, "frequent", NOW.minus(Duration.ofDays(day)), 40);
    }
    // a lapsed buyer: every two weeks for three months, a year ago
    for (int day = 400; day >= 316; day -= 14) {
      order(csv, "lapsed", NOW.minus(Duration.ofDays(day)), 40);
    }
    importOrders(csv);
    assertThat(server.get("/api/intelligence/clv").status()).isEqualTo(404);

    JsonNode clvStep = recompute("").path("steps").path("clv");

    assertThat(clvStep.path("outcome").asText()).as(clvStep.toString()).isEqualTo("fitted");
    assertThat(clvStep.path("customers").asInt()).isEqualTo(182);
    assertThat(clvStep.path("repeat_buyers").asInt()).isGreaterThanOrEqualTo(20);
    assertThat(clvStep.path("profiles_changed").asInt()).isEqualTo(182);

    JsonNode frequent = predictions("frequent");
    JsonNode lapsed = predictions("lapsed");
    System.out.println("frequent: " + frequent + "\nlapsed: " + lapsed);
    for (JsonNode p : new JsonNode[] {frequent, lapsed}) {
      assertThat(p.path("p_alive").asDouble()).isBetween(0.0, 1.0);
      assertThat(p.path("churn_risk").asDouble())
          .isCloseTo(1 - p.path("p_alive").asDouble(), org.assertj.core.data.Offset.offset(1e-4));
      assertThat(p.path("predicted_clv").asDouble()).isGreaterThanOrEqualTo(0);
      assertThat(p.path("expected_orders_30d").asDouble())
          .isLessThanOrEqualTo(p.path("expected_orders_90d").asDouble());
      assertThat(p.path("expected_orders_90d").asDouble())
          .isLessThanOrEqualTo(p.path("expected_orders_365d").asDouble());
      assertThat(p.path("computed_at").asText()).isEqualTo(NOW.toString());
      if (!p.path("expected_next_order_at").isNull()) {
        assertThat(Instant.parse(p.path("expected_next_order_at").asText())).isAfter(NOW);
      }
    }
    assertThat(frequent.path("p_alive").asDouble())
        .isGreaterThan(lapsed.path("p_alive").asDouble());
    assertThat(frequent.path("expected_orders_90d").asDouble())
        .isGreaterThan(lapsed.path("expected_orders_90d").asDouble());
    assertThat(frequent.path("predicted_clv").asDouble())
        .isGreaterThan(lapsed.path("predicted_clv").asDouble());
    assertThat(frequent.path("historic_clv").decimalValue()).isEqualByComparingTo("1080.00");
    assertThat(frequent.path("expected_next_order_at").isNull()).isFalse();

    JsonNode model = server.get("/api/intelligence/clv").body();
    assertThat(model.path("outcome").asText()).isEqualTo("fitted");
    assertThat(model.path("reason").isNull()).isTrue();
    assertThat(model.path("model").asText()).isEqualTo("bgnbd");
    assertThat(model.path("parameters").path("purchases").path("r").asDouble()).isPositive();
    assertThat(model.path("parameters").path("spend").path("q").asDouble()).isPositive();
    assertThat(model.path("log_likelihood").asDouble()).isNegative();
    assertThat(model.path("customers").asInt()).isEqualTo(182);
    assertThat(model.path("calibration_end").asText()).isEqualTo("2026-05-01");

    // Gamma-Gamma: 26 repeat orders of 40 each, E[M] = p (γ + x m) / (p x + q − 1)
    JsonNode spend = model.path("parameters").path("spend");
    double p = spend.path("p").asDouble();
    double q = spend.path("q").asDouble();
    double gamma = spend.path("gamma").asDouble();
    double expectedSpend = p * (gamma + 26 * 40.0) / (p * 26 + q - 1);
    assertThat(frequent.path("expected_average_spend").asDouble())
        .isCloseTo(expectedSpend, org.assertj.core.data.Offset.offset(0.006));
    assertThat(frequent.path("expected_average_spend").asDouble())
        .isBetween(
            Math.min(40.0, model.path("population_mean_spend").asDouble()),
            Math.max(40.0, model.path("population_mean_spend").asDouble()));

    // the same data at the same moment: nothing to write
    assertThat(recompute("").path("steps").path("clv").path("profiles_changed").asInt()).isZero();
    assertThat(server.count("select count(*) from clv_models where outcome = 'fitted'"))
        .isEqualTo(2);
  }

  @Test
  void the_incremental_pass_predicts_new_customers_with_the_last_fitted_model() {
    StringBuilder csv = header();
    shop(csv, 150, 5);
    importOrders(csv);
    recompute("");
    long fits = server.count("select count(*) from clv_models");

    clock.advance(Duration.ofMinutes(10));
    StringBuilder newcomer = header();
    order(newcomer, "newcomer", clock.instant().minus(Duration.ofDays(30)), 25);
    order(newcomer, "newcomer", clock.instant().minus(Duration.ofMinutes(5)), 35);
    importOrders(newcomer);
    JsonNode pass = recompute("?scope=changed");

    assertThat(pass.path("kind").asText()).isEqualTo("incremental");
    assertThat(pass.path("steps").path("clv").path("profiles_changed").asInt()).isEqualTo(1);
    JsonNode p = predictions("newcomer");
    assertThat(p.path("p_alive").asDouble()).isBetween(0.0, 1.0);
    assertThat(p.path("historic_clv").decimalValue()).isEqualByComparingTo("60.00");
    assertThat(p.path("computed_at").asText()).isEqualTo(clock.instant().toString());
    assertThat(server.count("select count(*) from clv_models")).isEqualTo(fits); // no new fit
  }

  @Test
  void too_few_customers_give_no_model_and_no_predictions() {
    StringBuilder csv = header();
    shop(csv, 30, 3);
    importOrders(csv);

    JsonNode summary = recompute("");

    JsonNode clvStep = summary.path("steps").path("clv");
    assertThat(clvStep.path("outcome").asText()).isEqualTo("not_enough_data");
    assertThat(clvStep.path("reason").asText())
        .isEqualTo("30 customers in the calibration period; at least 100 are needed");
    assertThat(clvStep.path("profiles_changed").asInt()).isZero();
    JsonNode model = server.get("/api/intelligence/clv").body();
    assertThat(model.path("outcome").asText()).isEqualTo("not_enough_data");
    assertThat(model.path("reason").asText()).isEqualTo(clvStep.path("reason").asText());
    assertThat(model.path("parameters").isNull()).isTrue();
    assertThat(model.path("customers").asInt()).isEqualTo(30);
    assertThat(server.profile("userId:c0").path("predictions").isNull()).isTrue();
    assertThat(server.count("select count(*) from profiles where p_alive is not null")).isZero();

    // nor does the incremental pass predict without a fitted model
    clock.advance(Duration.ofMinutes(10));
    StringBuilder more = header();
    order(more, "c0", clock.instant(), 10);
    importOrders(more);
    JsonNode pass = recompute("?scope=changed").path("steps").path("clv");
    assertThat(pass.path("profiles_changed").asInt()).isZero();
    assertThat(pass.path("skipped").asText()).contains("no fitted model");
  }

  // helpers

  /**
   * {@code customers} customers c0, c1 … with a first order in the last 400 days and repeat orders
   * at a customer's own rate (a week to a few months apart) until they silently stop.
   */
  void shop(StringBuilder csv, int customers, long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < customers; i++) {
      double meanValue = 20 + random.nextInt(100);
      double meanGapDays = 7 + random.nextInt(120);
      double stop = 0.1 + 0.5 * random.nextDouble();
      double day = 30 + random.nextInt(370);
      while (day > 0) {
        double value = Math.round(meanValue * (0.5 + random.nextDouble()) * 100) / 100.0;
        order(csv, "c" + i, NOW.minus(Duration.ofMinutes((long) (day * 24 * 60))), value);
        if (random.nextDouble() < stop) {
          break;
        }
        day -= 1 + meanGapDays * -Math.log(1 - random.nextDouble());
      }
    }
  }

  static StringBuilder header() {
    return new StringBuilder("order_id,customer_id,order_date,product_id,price,quantity\n");
  }

  void order(StringBuilder csv, String customer, Instant at, double value) {
    csv.append("o")
        .append(++orderIds)
        .append(',')
        .append(customer)
        .append(',')
        .append(at)
        .append(",p1,")
        .append(value)
        .append(",1\n");
  }

  void importOrders(StringBuilder csv) {
    TestServer.Response response =
        server.post("/api/imports/orders", csv.toString(), "Bearer " + TestServer.ADMIN_TOKEN);
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(response.body().path("bad_lines").asInt()).as(response.text()).isZero();
  }

  JsonNode recompute(String query) {
    TestServer.Response response = server.admin("POST", "/api/intelligence/recompute" + query);
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response.body();
  }

  JsonNode predictions(String userId) {
    JsonNode predictions = server.profile("userId:" + userId).path("predictions");
    assertThat(predictions.isObject()).as(userId + ": " + predictions).isTrue();
    return predictions;
  }
}
