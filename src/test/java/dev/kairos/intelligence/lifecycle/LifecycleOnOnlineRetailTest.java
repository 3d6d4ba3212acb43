package dev.kairos.intelligence.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.intelligence.rfm.CustomerOrder;
import dev.kairos.intelligence.rfm.OnlineRetail;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Lifecycle stages of the Online Retail customers on the day after the last invoice. */
class LifecycleOnOnlineRetailTest {
  private static final Instant NOW = Instant.parse("2011-12-10T00:00:00Z");

  @Test
  void the_shop_thresholds_and_stage_mix_are_plausible() {
    List<CustomerOrder> orders = OnlineRetail.orders();
    LifecycleThresholds thresholds =
        LifecycleThresholds.fromShopHistory(orders, LifecycleSettings.defaults());
    LifecycleStaging staging = new LifecycleStaging(thresholds);
    Map<UUID, List<CustomerOrder>> byProfile = new HashMap<>();
    orders.forEach(o -> byProfile.computeIfAbsent(o.profileId(), k -> new ArrayList<>()).add(o));
    Map<LifecycleStage, Integer> mix = new EnumMap<>(LifecycleStage.class);
    byProfile.values().forEach(own -> mix.merge(staging.stageOf(true, own, NOW), 1, Integer::sum));
    System.out.println("thresholds: " + thresholds);
    System.out.println("stages: " + mix);

    // a gift wholesaler's customers reorder every one to three months
    assertThat(thresholds.typicalInterPurchaseTime())
        .isBetween(Duration.ofDays(20), Duration.ofDays(90));
    assertThat(mix.keySet())
        .containsExactlyInAnyOrder(
            LifecycleStage.FIRST_TIME_BUYER,
            LifecycleStage.REPEAT_BUYER,
            LifecycleStage.VIP,
            LifecycleStage.AT_RISK,
            LifecycleStage.LAPSED,
            LifecycleStage.WON_BACK);
    int customers = byProfile.size();
    assertThat(mix.get(LifecycleStage.VIP)).isBetween(customers / 20, customers / 4);
    assertThat(mix.get(LifecycleStage.LAPSED) + mix.get(LifecycleStage.AT_RISK))
        .isBetween(customers / 5, customers * 3 / 4);
  }
}
