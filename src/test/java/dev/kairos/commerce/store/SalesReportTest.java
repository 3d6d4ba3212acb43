package dev.kairos.commerce.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard's sales figures from orders stored through the tracking API. */
class SalesReportTest {
  static TestServer server;
  static SalesReport report;

  @BeforeAll
  static void orders() {
    server = TestServer.start(new SettableClock(Instant.parse("2026-03-10T12:00:00Z")));
    order("ann", "o-1", "100.00", "2026-03-01T10:00:00Z");
    order("ann", "o-2", "50.00", "2026-03-03T10:00:00Z");
    order("bob", "o-3", "30.00", "2026-03-03T23:30:00Z");
    order("cat", "o-4", "999.00", "2026-03-02T10:00:00Z");
    server.trackOk(
        "/v1/track",
        "{\"userId\":\"cat\",\"event\":\"Order Cancelled\",\"timestamp\":\"2026-03-02T11:00:00Z\","
            + "\"properties\":{\"order_id\":\"o-4\"}}");
    server.awaitApplied();
    report = new SalesReport(server.server().database(), ZoneOffset.UTC);
  }

  static void order(String user, String id, String revenue, String at) {
    server.trackOk(
        "/v1/track",
        "{\"userId\":\""
            + user
            + "\",\"event\":\"Order Completed\",\"timestamp\":\""
            + at
            + "\",\"properties\":{\"order_id\":\""
            + id
            + "\",\"revenue\":"
            + revenue
            + "}}");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void a_period_counts_orders_and_revenue_without_cancelled_orders_and_each_customer_once() {
    SalesReport.Sales sales =
        report.between(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-03"));

    assertThat(sales.orders()).isEqualTo(3);
    assertThat(sales.revenue()).isEqualByComparingTo("180.00");
    assertThat(sales.averageOrderValue()).isEqualByComparingTo("60.00");
    assertThat(sales.newCustomers()).isEqualTo(2);
    assertThat(sales.returningCustomers()).isZero();
    assertThat(sales.days()).hasSize(3);
    assertThat(sales.days().get(1))
        .isEqualTo(new SalesReport.Day(LocalDate.parse("2026-03-02"), 0, BigDecimal.ZERO, 0, 0));
  }

  @Test
  void a_customer_whose_first_order_came_before_the_period_is_returning_in_it() {
    SalesReport.Sales sales =
        report.between(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-03"));

    assertThat(sales.orders()).isEqualTo(2);
    assertThat(sales.newCustomers()).isEqualTo(1);
    assertThat(sales.returningCustomers()).isEqualTo(1);
    SalesReport.Day third = sales.days().get(1);
    assertThat(third.newCustomers()).isEqualTo(1);
    assertThat(third.returningCustomers()).isEqualTo(1);
  }

  @Test
  void days_are_counted_in_the_workspace_time_zone() {
    SalesReport tokyo =
        new SalesReport(server.server().database(), java.time.ZoneId.of("Asia/Tokyo"));
    SalesReport.Sales sales =
        tokyo.between(LocalDate.parse("2026-03-04"), LocalDate.parse("2026-03-04"));

    assertThat(sales.orders()).isEqualTo(1); // Bob's 23:30 UTC order is on the 4th in Tokyo
    assertThat(tokyo.newestOrderDay()).contains(LocalDate.parse("2026-03-04"));
  }
}
