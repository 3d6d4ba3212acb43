package dev.kairos.intelligence.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.intelligence.rfm.CustomerOrder;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LifecycleStagingTest {
  private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
  private static final UUID ANN = new UUID(0, 1);
  private static final LifecycleThresholds THRESHOLDS =
      new LifecycleThresholds(
          Duration.ofDays(30),
          Duration.ofDays(60),
          Duration.ofDays(120),
          5,
          Optional.of(new BigDecimal("500")));
  private final LifecycleStaging staging = new LifecycleStaging(THRESHOLDS);

  private static CustomerOrder daysAgo(int days) {
    return daysAgo(days, "20");
  }

  private static CustomerOrder daysAgo(int days, String value) {
    return new CustomerOrder(ANN, NOW.minus(Duration.ofDays(days)), new BigDecimal(value));
  }

  private LifecycleStage stage(boolean reachable, CustomerOrder... orders) {
    return staging.stageOf(reachable, List.of(orders), NOW);
  }

  @Test
  void without_orders_a_reachable_person_is_a_subscriber_and_anyone_else_a_visitor() {
    assertThat(stage(false)).isEqualTo(LifecycleStage.VISITOR);
    assertThat(stage(true)).isEqualTo(LifecycleStage.SUBSCRIBER);
  }

  @Test
  void buyers_move_from_first_time_to_repeat_to_vip_by_orders() {
    assertThat(stage(false, daysAgo(3))).isEqualTo(LifecycleStage.FIRST_TIME_BUYER);
    assertThat(stage(true, daysAgo(20), daysAgo(3))).isEqualTo(LifecycleStage.REPEAT_BUYER);
    assertThat(stage(true, daysAgo(50), daysAgo(40), daysAgo(30), daysAgo(20), daysAgo(3)))
        .isEqualTo(LifecycleStage.VIP);
  }

  @Test
  void two_orders_with_top_revenue_make_a_vip_but_one_large_first_order_does_not() {
    assertThat(stage(true, daysAgo(20, "300"), daysAgo(3, "200"))).isEqualTo(LifecycleStage.VIP);
    assertThat(stage(true, daysAgo(3, "5000"))).isEqualTo(LifecycleStage.FIRST_TIME_BUYER);
  }

  @Test
  void a_customer_without_an_order_for_the_thresholds_is_at_risk_then_lapsed() {
    assertThat(stage(true, daysAgo(59))).isEqualTo(LifecycleStage.FIRST_TIME_BUYER);
    assertThat(stage(true, daysAgo(60))).isEqualTo(LifecycleStage.AT_RISK);
    assertThat(stage(true, daysAgo(119))).isEqualTo(LifecycleStage.AT_RISK);
    assertThat(stage(true, daysAgo(120))).isEqualTo(LifecycleStage.LAPSED);
    // a VIP is not spared: recency comes first
    assertThat(stage(true, daysAgo(200), daysAgo(190), daysAgo(180), daysAgo(170), daysAgo(130)))
        .isEqualTo(LifecycleStage.LAPSED);
  }

  @Test
  void ordering_again_after_being_at_risk_or_lapsed_is_won_back_until_the_next_order() {
    assertThat(stage(true, daysAgo(100), daysAgo(2))).isEqualTo(LifecycleStage.WON_BACK);
    assertThat(stage(true, daysAgo(300), daysAgo(2))).isEqualTo(LifecycleStage.WON_BACK);
    assertThat(stage(true, daysAgo(300), daysAgo(20), daysAgo(2)))
        .isEqualTo(LifecycleStage.REPEAT_BUYER);
    // a won-back customer who stops again is at risk again
    assertThat(stage(true, daysAgo(300), daysAgo(70))).isEqualTo(LifecycleStage.AT_RISK);
  }

  @Test
  void orders_after_now_are_ignored() {
    assertThat(stage(true, daysAgo(-1))).isEqualTo(LifecycleStage.SUBSCRIBER);
  }

  @Test
  void following_a_customer_day_by_day_emits_one_change_per_stage_entered() {
    // first order on day 0, silence until day 150, then a new order
    List<CustomerOrder> orders = new ArrayList<>();
    Instant start = NOW.minus(Duration.ofDays(200));
    orders.add(new CustomerOrder(ANN, start, new BigDecimal("20")));
    Optional<LifecycleStage> previous = Optional.of(LifecycleStage.SUBSCRIBER);
    List<StageChange> changes = new ArrayList<>();
    for (int day = 0; day <= 180; day++) {
      Instant now = start.plus(Duration.ofDays(day));
      if (day == 150) {
        orders.add(new CustomerOrder(ANN, now, new BigDecimal("30")));
      }
      LifecycleAssessment a = staging.assess(new LifecycleFacts(ANN, true, orders), now, previous);
      a.change().ifPresent(changes::add);
      previous = Optional.of(a.stage());
    }

    assertThat(changes)
        .extracting(StageChange::to)
        .containsExactly(
            LifecycleStage.FIRST_TIME_BUYER,
            LifecycleStage.AT_RISK,
            LifecycleStage.LAPSED,
            LifecycleStage.WON_BACK);
    assertThat(changes.get(1).at()).isEqualTo(start.plus(Duration.ofDays(60)));
    assertThat(changes.get(3).from()).contains(LifecycleStage.LAPSED);
    assertThat(changes.get(3).eventProperties())
        .isEqualTo(Map.of("previous_stage", "lapsed", "stage", "won_back"));
  }

  @Test
  void the_first_assessment_is_a_change_without_a_previous_stage() {
    LifecycleAssessment a =
        staging.assess(new LifecycleFacts(ANN, false, List.of()), NOW, Optional.empty());
    assertThat(a.stage()).isEqualTo(LifecycleStage.VISITOR);
    StageChange change = a.change().orElseThrow();
    assertThat(change.from()).isEmpty();
    assertThat(change.eventProperties()).isEqualTo(Map.of("stage", "visitor"));
    assertThat(StageChange.EVENT).isEqualTo("Lifecycle Stage Changed");
  }

  @Test
  void an_unchanged_stage_is_not_a_change() {
    LifecycleAssessment a =
        staging.assess(
            new LifecycleFacts(ANN, true, List.of(daysAgo(3))),
            NOW,
            Optional.of(LifecycleStage.FIRST_TIME_BUYER));
    assertThat(a.change()).isEmpty();
  }
}
