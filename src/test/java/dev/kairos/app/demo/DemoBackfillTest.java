package dev.kairos.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code kairos demo}'s back-filled history: after it, every intelligence field of the customers is
 * filled and plausible, before the live shop sends anything.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoBackfillTest {
  static final Instant NOW = Instant.parse("2026-04-01T10:00:00Z");
  static final int CUSTOMERS = 3_000; // the demo's default
  static TestServer server;
  static DemoBackfill.Outcome outcome;
  static final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeAll
  static void backfill() throws Exception {
    server = TestServer.start(new SettableClock(NOW));
    outcome =
        DemoBackfill.run(
            server.server(),
            TestServer.WRITE_KEY,
            7,
            CUSTOMERS,
            new SettableClock(NOW),
            new PrintStream(log, true, StandardCharsets.UTF_8));
    System.out.println(log.toString(StandardCharsets.UTF_8));
    System.out.println(
        dev.kairos.intelligence.store.RecomputeSummaryJson.of(
                outcome.recompute(), dev.kairos.platform.http.Json.MAPPER)
            .toPrettyString());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void every_call_of_the_history_is_stored() {
    // how long it took is printed (a figure, not a timed assertion: the machine may be shared)
    System.out.printf(
        "back-fill: %,d calls stored in %,d ms, recompute %,d ms%n",
        outcome.calls(), outcome.sendMillis(), outcome.recompute().durationMillis());
    assertThat(server.count("select count(*) from events where message_id like 'demo-history-%'"))
        .isEqualTo(outcome.calls());
  }

  @Test
  @Order(Integer.MAX_VALUE) // the live shop's events come after every check of the history
  void customers_coming_back_on_a_new_device_merge_when_they_log_in() throws Exception {
    long merges = server.count("select count(*) from profile_merges");
    SimulatedShop shop =
        new SimulatedShop(
            server.baseUrl(),
            TestServer.WRITE_KEY,
            11,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            CUSTOMERS);
    for (int i = 0; i < 150; i++) {
      shop.step();
    }
    assertThat(server.count("select count(*) from profile_merges")).isGreaterThan(merges);
  }

  @Test
  void customers_have_every_score_and_prediction() {
    String buyers =
        "from profiles p where p.merged_into is null and p.revenue > 0"
            + " and exists (select 1 from identifiers i where i.profile_id = p.id"
            + " and i.kind = 'userId')";
    long customers = server.count("select count(*) " + buyers);
    assertThat(customers).isGreaterThan(CUSTOMERS * 9 / 10);
    assertThat(server.count("select count(*) " + buyers + " and p_alive is null")).isZero();
    assertThat(server.count("select count(*) " + buyers + " and expected_average_spend is null"))
        .isZero();
    assertThat(server.count("select count(*) " + buyers + " and lifecycle_stage is null")).isZero();
    assertThat(server.count("select count(*) " + buyers + " and best_send_hour is null")).isZero();
    // scored: everyone with an order in the last 365 days (the history is 420 days long)
    assertThat(server.count("select count(*) " + buyers + " and rfm_cell is not null"))
        .isGreaterThan(customers * 8 / 10);
    assertThat(server.count("select count(*) " + buyers + " and best_send_hour_personal"))
        .isGreaterThan(customers / 5);
    assertThat(server.count("select count(distinct rfm_cell) from profiles")).isEqualTo(11);
    for (String stage :
        new String[] {
          "first_time_buyer", "repeat_buyer", "vip", "at_risk", "lapsed", "won_back", "subscriber"
        }) {
      assertThat(
              server.count(
                  "select count(*) from profiles where merged_into is null and lifecycle_stage = '"
                      + stage
                      + "'"))
          .as(stage)
          .isPositive();
    }
    assertThat(server.count("select count(*) from replenishment_due")).isPositive();
    JsonNode clv = server.get("/api/intelligence/clv").body();
    assertThat(clv.path("outcome").asText()).as(clv.toString()).isEqualTo("fitted");
  }

  @Test
  void recency_is_ranked_over_days_not_minutes() {
    // who bought in the last week (and kept it) is among the most recent fifth, never "at risk"
    assertThat(
            server.count(
                "select count(*) from profiles p where merged_into is null"
                    + " and last_order_at > '2026-03-25T10:00:00Z' and rfm_recency < 4"
                    + " and not exists (select 1 from orders o where o.status = 'refunded'"
                    + " and o.profile_id = p.id)"))
        .isZero();
    assertThat(
            server.count(
                "select count(*) from profiles where merged_into is null"
                    + " and last_order_at > '2026-03-25T10:00:00Z'"))
        .isPositive();
  }

  @Test
  void second_devices_merge_into_their_customer_and_the_loyalty_card_finds_store_orders() {
    assertThat(server.count("select count(*) from profile_merges")).isGreaterThan(CUSTOMERS / 10);
    long storeOrders = server.count("select count(*) from orders where order_id like 'POS-%'");
    assertThat(storeOrders).isPositive();
    assertThat(
            server.count(
                "select count(*) from orders o join profiles p on p.id = o.profile_id"
                    + " where o.order_id like 'POS-%' and exists (select 1 from identifiers i"
                    + " where i.profile_id = coalesce(p.merged_into, p.id) and i.kind = 'userId')"))
        .isEqualTo(storeOrders);
  }

  @Test
  void guest_checkouts_are_orders_not_customers() {
    JsonNode rfm = outcomeStep("rfm");
    assertThat(rfm.path("guest_orders_left_out").asInt()).isGreaterThan(CUSTOMERS / 20);
    assertThat(outcomeStep("clv").path("customers").asInt()).isLessThanOrEqualTo(CUSTOMERS);
  }

  private static JsonNode outcomeStep(String step) {
    return dev.kairos.intelligence.store.RecomputeSummaryJson.of(
            outcome.recompute(), dev.kairos.platform.http.Json.MAPPER)
        .path("steps")
        .path(step);
  }
}
