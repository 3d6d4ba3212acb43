package dev.kairos.intelligence.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kairos.intelligence.rfm.CustomerOrder;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LifecycleThresholdsTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private final LifecycleSettings settings =
      new LifecycleSettings(2.0, 4.0, Duration.ofDays(14), Duration.ofDays(60), 3, 10, 0.9);

  private static CustomerOrder order(int profile, int day, int value) {
    return new CustomerOrder(
        new UUID(0, profile), T0.plus(Duration.ofDays(day)), BigDecimal.valueOf(value));
  }

  @Test
  void the_typical_inter_purchase_time_is_the_median_of_each_repeat_buyers_median_gap() {
    List<CustomerOrder> orders = new ArrayList<>();
    // buyer 1 orders every 2 days twenty times: one vote for 2 days, not nineteen
    for (int i = 0; i < 20; i++) {
      orders.add(order(1, 2 * i, 10));
    }
    orders.addAll(List.of(order(2, 0, 10), order(2, 30, 10)));
    orders.addAll(List.of(order(3, 0, 10), order(3, 40, 10), order(3, 80, 10)));
    orders.add(order(4, 0, 10)); // no gap, no vote

    LifecycleThresholds t = LifecycleThresholds.fromShopHistory(orders, settings);

    assertThat(t.typicalInterPurchaseTime()).isEqualTo(Duration.ofDays(30));
    assertThat(t.atRiskAfter()).isEqualTo(Duration.ofDays(60));
    assertThat(t.lapsedAfter()).isEqualTo(Duration.ofDays(120));
  }

  @Test
  void a_shop_with_too_few_repeat_buyers_uses_the_default_inter_purchase_time() {
    List<CustomerOrder> orders = List.of(order(1, 0, 10), order(1, 5, 10), order(2, 0, 10));
    LifecycleThresholds t = LifecycleThresholds.fromShopHistory(orders, settings);
    assertThat(t.typicalInterPurchaseTime()).isEqualTo(Duration.ofDays(60));
    assertThat(t.atRiskAfter()).isEqualTo(Duration.ofDays(120));
  }

  @Test
  void the_at_risk_threshold_never_falls_below_the_minimum() {
    LifecycleThresholds t = LifecycleThresholds.of(Duration.ofDays(2), Optional.empty(), settings);
    assertThat(t.atRiskAfter()).isEqualTo(Duration.ofDays(14));
    assertThat(t.lapsedAfter()).isEqualTo(Duration.ofDays(28));
  }

  @Test
  void the_vip_revenue_is_the_nearest_rank_percentile_of_lifetime_revenue() {
    List<CustomerOrder> orders = new ArrayList<>();
    for (int p = 1; p <= 20; p++) {
      orders.add(order(p, 0, 10 * p)); // lifetime revenues 10, 20, …, 200
    }
    LifecycleThresholds t = LifecycleThresholds.fromShopHistory(orders, settings);
    assertThat(t.vipMinimumRevenue()).contains(BigDecimal.valueOf(180)); // 18th of 20
    assertThat(LifecycleThresholds.fromShopHistory(List.of(), settings).vipMinimumRevenue())
        .isEmpty();
  }

  @Test
  void inconsistent_settings_are_refused() {
    assertThatThrownBy(
            () ->
                new LifecycleSettings(
                    4.0, 2.0, Duration.ofDays(14), Duration.ofDays(60), 3, 10, 0.9))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
