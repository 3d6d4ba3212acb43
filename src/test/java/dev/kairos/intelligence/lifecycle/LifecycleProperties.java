package dev.kairos.intelligence.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.intelligence.rfm.CustomerOrder;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class LifecycleProperties {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final UUID ANN = new UUID(0, 1);
  private final LifecycleStaging staging =
      new LifecycleStaging(
          new LifecycleThresholds(
              Duration.ofDays(30),
              Duration.ofDays(60),
              Duration.ofDays(120),
              6,
              Optional.of(new BigDecimal("400"))));

  @Provide
  Arbitrary<List<CustomerOrder>> histories() {
    return Arbitraries.integers()
        .between(0, 400)
        .map(day -> new CustomerOrder(ANN, T0.plus(Duration.ofDays(day)), new BigDecimal("50")))
        .list()
        .ofMaxSize(12);
  }

  @Property
  void a_customer_stage_exactly_when_an_order_was_placed_by_now(
      @ForAll("histories") List<CustomerOrder> orders,
      @ForAll boolean reachable,
      @ForAll @IntRange(min = 0, max = 600) int day) {
    Instant now = T0.plus(Duration.ofDays(day));
    boolean ordered = orders.stream().anyMatch(o -> !o.placedAt().isAfter(now));
    assertThat(staging.stageOf(reachable, orders, now).isCustomer()).isEqualTo(ordered);
  }

  @Property
  void without_new_orders_time_only_moves_a_customer_towards_lapsed(
      @ForAll("histories") List<CustomerOrder> orders,
      @ForAll @IntRange(min = 400, max = 600) int day,
      @ForAll @IntRange(min = 0, max = 200) int laterBy) {
    Instant now = T0.plus(Duration.ofDays(day));
    Instant later = now.plus(Duration.ofDays(laterBy));
    LifecycleStage before = staging.stageOf(true, orders, now);
    LifecycleStage after = staging.stageOf(true, orders, later);
    if (before == LifecycleStage.LAPSED) {
      assertThat(after).isEqualTo(LifecycleStage.LAPSED);
    }
    if (before == LifecycleStage.AT_RISK) {
      assertThat(after).isIn(LifecycleStage.AT_RISK, LifecycleStage.LAPSED);
    }
  }

  @Property
  void the_stage_does_not_depend_on_the_order_of_the_history(
      @ForAll("histories") List<CustomerOrder> orders,
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 600) int day) {
    List<CustomerOrder> shuffled = new ArrayList<>(orders);
    Collections.shuffle(shuffled, new Random(seed));
    Instant now = T0.plus(Duration.ofDays(day));
    assertThat(staging.stageOf(true, shuffled, now)).isEqualTo(staging.stageOf(true, orders, now));
  }
}
