package dev.kairos.intelligence.replenishment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.intelligence.rfm.CustomerOrder;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReplenishmentIntervalsTest {
  private static final Instant T0 = Instant.parse("2024-01-01T09:00:00Z");
  private static final String COFFEE = "coffee-1kg";
  private final ReplenishmentSettings settings = ReplenishmentSettings.defaults();

  private static CustomerOrder order(int profile, Duration after, String... products) {
    return new CustomerOrder(
        new UUID(0, profile), T0.plus(after), BigDecimal.TEN, Set.of(products));
  }

  private static CustomerOrder onDay(int profile, int day, String... products) {
    return order(profile, Duration.ofDays(day), products);
  }

  /** Buyers 1..n each buy coffee on day 0 and again after 20 + buyer days. */
  private static List<CustomerOrder> coffeeBuyers(int n) {
    List<CustomerOrder> orders = new ArrayList<>();
    for (int p = 1; p <= n; p++) {
      orders.add(onDay(p, 0, COFFEE));
      orders.add(onDay(p, 20 + p, COFFEE));
    }
    return orders;
  }

  @Test
  void the_interval_is_the_median_over_repeat_buyers() {
    ReplenishmentIntervals intervals = ReplenishmentIntervals.learn(coffeeBuyers(5), settings);

    ReplenishmentInterval coffee = intervals.of(COFFEE).orElseThrow();
    assertThat(coffee.interval()).isEqualTo(Duration.ofDays(23)); // gaps 21..25
    assertThat(coffee.repeatBuyers()).isEqualTo(5);
  }

  @Test
  void a_product_with_fewer_repeat_buyers_than_the_support_has_no_interval() {
    List<CustomerOrder> orders = new ArrayList<>(coffeeBuyers(4));
    for (int p = 10; p < 30; p++) {
      orders.add(onDay(p, 0, COFFEE)); // one-time buyers do not count
    }
    assertThat(ReplenishmentIntervals.learn(orders, settings).of(COFFEE)).isEmpty();
  }

  @Test
  void each_repeat_buyer_votes_once_with_their_own_median_gap() {
    List<CustomerOrder> orders = new ArrayList<>(coffeeBuyers(5));
    for (int k = 0; k < 50; k++) {
      orders.add(onDay(99, 2 * k, COFFEE)); // a reseller every two days: one vote, not 49
    }
    ReplenishmentInterval coffee =
        ReplenishmentIntervals.learn(orders, settings).of(COFFEE).orElseThrow();
    assertThat(coffee.repeatBuyers()).isEqualTo(6);
    // votes 2, 21, 22, 23, 24, 25: the mean of the middle two
    assertThat(coffee.interval()).isEqualTo(Duration.ofDays(22).plusHours(12));
  }

  @Test
  void purchases_within_the_minimum_gap_are_one_occasion() {
    List<CustomerOrder> orders = new ArrayList<>();
    for (int p = 1; p <= 5; p++) {
      orders.add(onDay(p, 0, COFFEE));
      orders.add(order(p, Duration.ofHours(2), COFFEE)); // forgot something, same morning
      orders.add(onDay(p, 30, COFFEE));
    }
    ReplenishmentInterval coffee =
        ReplenishmentIntervals.learn(orders, settings).of(COFFEE).orElseThrow();
    assertThat(coffee.interval()).isEqualTo(Duration.ofDays(30));

    List<CustomerOrder> sameDayOnly = new ArrayList<>();
    for (int p = 1; p <= 5; p++) {
      sameDayOnly.add(onDay(p, 0, COFFEE));
      sameDayOnly.add(order(p, Duration.ofHours(2), COFFEE));
    }
    assertThat(ReplenishmentIntervals.learn(sameDayOnly, settings).of(COFFEE)).isEmpty();
  }

  @Test
  void the_due_date_is_the_last_purchase_plus_the_interval() {
    ReplenishmentIntervals intervals = ReplenishmentIntervals.learn(coffeeBuyers(5), settings);
    UUID ann = new UUID(0, 42);
    List<CustomerOrder> annOrders =
        List.of(onDay(42, 0, COFFEE, "mug"), onDay(42, 40, COFFEE), onDay(42, 45, "mug"));

    List<ReplenishmentDue> due = intervals.dueDates(ann, annOrders);

    assertThat(due).hasSize(1); // the mug has no interval
    ReplenishmentDue coffee = due.get(0);
    assertThat(coffee.lastPurchasedAt()).isEqualTo(T0.plus(Duration.ofDays(40)));
    assertThat(coffee.dueAt()).isEqualTo(T0.plus(Duration.ofDays(63)));
    assertThat(coffee.remindAt(Duration.ofDays(3))).isEqualTo(T0.plus(Duration.ofDays(60)));
    assertThat(coffee.remindAt(Duration.ofDays(100))).isEqualTo(coffee.lastPurchasedAt());
    assertThat(intervals.dueDate(ann, "mug", T0)).isEmpty();
  }
}
