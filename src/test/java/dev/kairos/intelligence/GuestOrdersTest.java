package dev.kairos.intelligence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Guest checkouts (orders without a customer id, placed by {@code guest-<order>} profiles) are
 * orders, not customers: their revenue is kept, and no per-customer model sees them.
 */
class GuestOrdersTest {
  final SettableClock clock = new SettableClock(Instant.parse("2026-05-01T09:00:00Z"));
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(clock);
    importOrders(
        """
        order_id,customer_id,order_date,product_id,price,quantity
        o-1,ann,2026-03-01 10:00:00,tea,50.00,2
        o-2,ann,2026-04-01 10:00:00,tea,50.00,2
        o-3,bob,2026-04-10 11:00:00,cup,100.00,2
        o-4,cat,2026-04-20 12:00:00,pot,150.00,2
        g-1,,2026-04-25 13:00:00,pot,5000.00,2
        g-2,,2026-04-26 14:00:00,cup,12.50,2
        """);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void guest_orders_keep_their_revenue_but_are_not_customers_in_any_model() {
    JsonNode summary = recompute();

    JsonNode steps = summary.path("steps");
    assertThat(steps.path("rfm").path("customers_ranked").asInt()).isEqualTo(3);
    assertThat(steps.path("rfm").path("guest_orders_left_out").asInt()).isEqualTo(2);
    assertThat(steps.path("clv").path("customers").asInt()).isEqualTo(3);
    // the top tenth of the three customers' lifetime revenue, not the guest's 10,000
    assertThat(steps.path("lifecycle").path("vip_minimum_revenue").decimalValue())
        .isEqualByComparingTo("300");
    assertThat(steps.path("lifecycle").path("first_time_buyer").asInt()).isEqualTo(2);

    JsonNode guest = profile("anonymousId:guest-g-1");
    assertThat(guest.path("revenue").decimalValue()).isEqualByComparingTo("10000");
    assertThat(guest.path("orders_count").asInt()).isEqualTo(1);
    assertThat(guest.path("rfm").isNull()).isTrue();
    assertThat(guest.path("predictions").isNull()).isTrue();
    assertThat(guest.path("lifecycle_stage").asText()).isEqualTo("visitor");
    assertThat(guest.path("best_send_hour_personal").asBoolean()).isFalse();
    assertThat(profile("userId:ann").path("lifecycle_stage").asText()).isEqualTo("repeat_buyer");
    assertThat(profile("userId:bob").path("rfm").isNull()).isFalse();
    assertThat(new BigDecimal(server.row("select sum(revenue) from profiles").get(0)))
        .isEqualByComparingTo("10725");
  }

  @Test
  void a_guest_who_later_identifies_becomes_a_customer_with_that_order() {
    server.trackOk("/v1/identify", "{\"anonymousId\":\"guest-g-2\",\"userId\":\"dot\"}");
    server.awaitApplied();

    JsonNode summary = recompute();

    assertThat(summary.path("steps").path("rfm").path("customers_ranked").asInt()).isEqualTo(4);
    assertThat(summary.path("steps").path("rfm").path("guest_orders_left_out").asInt())
        .isEqualTo(1);
    assertThat(profile("userId:dot").path("lifecycle_stage").asText())
        .isEqualTo("first_time_buyer");
  }

  private void importOrders(String csv) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/imports/orders"))
                    .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                    .header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString(csv))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    server.awaitApplied();
  }

  private JsonNode recompute() {
    TestServer.Response response = server.admin("POST", "/api/intelligence/recompute");
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response.body();
  }

  private JsonNode profile(String identifier) {
    TestServer.Response response = server.get("/api/profiles?identifier=" + identifier);
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response.body();
  }
}
