package dev.kairos.intelligence.rfm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RfmScoringTest {
  private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");
  private final RfmScoring scoring = new RfmScoring(new RfmSettings(Duration.ofDays(365)));

  private static UUID id(int n) {
    return new UUID(0, n);
  }

  private static CustomerOrder order(int profile, int daysAgo, String value) {
    return new CustomerOrder(
        id(profile), NOW.minus(Duration.ofDays(daysAgo)), new BigDecimal(value));
  }

  /** Five customers, each better than the previous on every measure. */
  private static List<CustomerOrder> ladder() {
    List<CustomerOrder> orders = new ArrayList<>();
    for (int p = 1; p <= 5; p++) {
      for (int k = 0; k < p; k++) {
        orders.add(order(p, 300 - 50 * p + k, "10.00"));
      }
    }
    return orders;
  }

  @Test
  void the_best_customer_on_every_measure_is_a_champion_and_the_worst_is_lost() {
    RfmSnapshot snapshot = scoring.recompute(ladder(), NOW);

    assertThat(snapshot.of(id(5)).orElseThrow().score()).isEqualTo(new RfmScore(5, 5, 5));
    assertThat(snapshot.of(id(5)).orElseThrow().cell()).isEqualTo(RfmCell.CHAMPIONS);
    assertThat(snapshot.of(id(1)).orElseThrow().score()).isEqualTo(new RfmScore(1, 1, 1));
    assertThat(snapshot.of(id(1)).orElseThrow().cell()).isEqualTo(RfmCell.LOST);
    assertThat(snapshot.of(id(3)).orElseThrow().score()).isEqualTo(new RfmScore(3, 3, 3));
  }

  @Test
  void orders_outside_the_window_do_not_count_and_customers_without_one_are_not_scored() {
    List<CustomerOrder> orders = new ArrayList<>(ladder());
    orders.add(order(5, 400, "1000.00")); // outside the window
    orders.add(order(6, 366, "1000.00")); // only outside the window
    orders.add(order(7, -1, "1000.00")); // in the future

    RfmSnapshot snapshot = scoring.recompute(orders, NOW);

    assertThat(snapshot.profiles()).containsOnlyKeys(id(1), id(2), id(3), id(4), id(5));
    RfmFacts five = snapshot.of(id(5)).orElseThrow().facts();
    assertThat(five.orders()).isEqualTo(5);
    assertThat(five.monetary()).isEqualByComparingTo("50.00");
    assertThat(snapshot.boundaries().orElseThrow().customers()).isEqualTo(5);
  }

  @Test
  void nobody_in_the_window_gives_no_boundaries() {
    RfmSnapshot snapshot = scoring.recompute(List.of(order(1, 500, "5")), NOW);
    assertThat(snapshot.boundaries()).isEmpty();
    assertThat(snapshot.profiles()).isEmpty();
  }

  @Test
  void rescoring_an_unchanged_profile_gives_its_recompute_score() {
    List<CustomerOrder> orders = ladder();
    RfmSnapshot snapshot = scoring.recompute(orders, NOW);
    RfmBoundaries boundaries = snapshot.boundaries().orElseThrow();

    for (int p = 1; p <= 5; p++) {
      UUID profile = id(p);
      List<CustomerOrder> own = orders.stream().filter(o -> o.profileId().equals(profile)).toList();
      assertThat(scoring.rescore(profile, own, NOW, boundaries))
          .contains(snapshot.of(profile).orElseThrow());
    }
  }

  @Test
  void a_lost_customer_who_orders_big_today_is_rescored_without_a_full_recompute() {
    RfmBoundaries boundaries = scoring.recompute(ladder(), NOW).boundaries().orElseThrow();
    List<CustomerOrder> changed =
        List.of(order(1, 250, "10.00"), order(1, 0, "500.00"), order(1, 0, "20.00"));

    ProfileRfm rescored = scoring.rescore(id(1), changed, NOW, boundaries).orElseThrow();

    assertThat(rescored.score().recency()).isEqualTo(5);
    assertThat(rescored.score().monetary()).isEqualTo(5);
    assertThat(rescored.score().frequency()).isEqualTo(3); // 3 orders beats 1 and 2 of 5 customers
    assertThat(rescored.cell()).isEqualTo(RfmCell.CHAMPIONS);
  }

  @Test
  void recency_reads_as_time_since_the_last_order() {
    RfmFacts facts =
        RfmFacts.of(
                id(1),
                List.of(order(1, 12, "1"), order(1, 40, "2")),
                NOW.minus(Duration.ofDays(365)),
                NOW)
            .orElseThrow();
    assertThat(facts.recency(NOW)).isEqualTo(Duration.ofDays(12));
    assertThat(facts.monetary()).isEqualByComparingTo("3");
  }
}
