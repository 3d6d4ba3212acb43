package dev.kairos.intelligence.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.intelligence.rfm.CustomerOrder;
import dev.kairos.intelligence.rfm.OnlineRetail;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Lifecycle stages of the Online Retail customers on the day after the last invoice, checked
 * against the same figures computed here, plainly, from each customer's order dates and values and
 * the rules as docs/rfm-and-lifecycle.md states them.
 */
class LifecycleOnOnlineRetailTest {
  private static final Instant NOW = Instant.parse("2011-12-10T00:00:00Z");

  /** What the rules need to know about one customer. */
  private record Customer(int orders, BigDecimal revenue, Instant last, Duration gapBeforeLast) {
    static Customer of(Collection<CustomerOrder> own) {
      List<Instant> times =
          own.stream().map(CustomerOrder::placedAt).sorted().collect(Collectors.toList());
      BigDecimal revenue =
          own.stream().map(CustomerOrder::value).reduce(BigDecimal.ZERO, BigDecimal::add);
      Instant last = times.get(times.size() - 1);
      Duration gap = times.size() < 2 ? null : Duration.between(times.get(times.size() - 2), last);
      return new Customer(times.size(), revenue, last, gap);
    }

    List<Long> gapsInSeconds(Collection<CustomerOrder> own) {
      List<Instant> times =
          own.stream().map(CustomerOrder::placedAt).sorted().collect(Collectors.toList());
      List<Long> gaps = new ArrayList<>();
      for (int i = 1; i < times.size(); i++) {
        gaps.add(Duration.between(times.get(i - 1), times.get(i)).getSeconds());
      }
      return gaps;
    }
  }

  @Test
  void the_learnt_thresholds_and_the_stage_of_every_customer_follow_the_documented_rules() {
    List<CustomerOrder> orders = OnlineRetail.orders();
    LifecycleSettings settings = LifecycleSettings.defaults();
    LifecycleThresholds thresholds = LifecycleThresholds.fromShopHistory(orders, settings);
    Map<UUID, List<CustomerOrder>> byProfile =
        orders.stream().collect(Collectors.groupingBy(CustomerOrder::profileId));

    // the typical time between orders: the median over repeat buyers of their median gap
    List<Long> medians = new ArrayList<>();
    List<BigDecimal> revenues = new ArrayList<>();
    for (List<CustomerOrder> own : byProfile.values()) {
      Customer customer = Customer.of(own);
      revenues.add(customer.revenue());
      List<Long> gaps = customer.gapsInSeconds(own);
      if (!gaps.isEmpty()) {
        medians.add(median(gaps));
      }
    }
    assertThat(thresholds.typicalInterPurchaseTime())
        .isEqualTo(Duration.ofSeconds(median(medians)));
    // the VIP revenue: the nearest-rank percentile of lifetime revenue
    revenues.sort(Comparator.naturalOrder());
    int rank = (int) Math.ceil(settings.vipRevenuePercentile() * revenues.size());
    assertThat(thresholds.vipMinimumRevenue()).contains(revenues.get(rank - 1));

    Map<LifecycleStage, Integer> expected = new EnumMap<>(LifecycleStage.class);
    Map<LifecycleStage, Integer> staged = new EnumMap<>(LifecycleStage.class);
    LifecycleStaging staging = new LifecycleStaging(thresholds);
    for (List<CustomerOrder> own : byProfile.values()) {
      expected.merge(stage(Customer.of(own), thresholds), 1, Integer::sum);
      staged.merge(staging.stageOf(true, own, NOW), 1, Integer::sum);
    }
    assertThat(staged).isEqualTo(expected);
    assertThat(staged.keySet()).hasSize(6); // every buyer stage occurs in a real shop's history
  }

  /** The stage by the documented rules, the first that matches winning. */
  private static LifecycleStage stage(Customer c, LifecycleThresholds t) {
    Duration idle = Duration.between(c.last(), NOW);
    if (idle.compareTo(t.lapsedAfter()) >= 0) {
      return LifecycleStage.LAPSED;
    }
    if (idle.compareTo(t.atRiskAfter()) >= 0) {
      return LifecycleStage.AT_RISK;
    }
    if (c.gapBeforeLast() != null && c.gapBeforeLast().compareTo(t.atRiskAfter()) >= 0) {
      return LifecycleStage.WON_BACK;
    }
    boolean vip =
        c.orders() >= t.vipMinimumOrders()
            || (c.orders() >= 2 && c.revenue().compareTo(t.vipMinimumRevenue().orElseThrow()) >= 0);
    if (vip) {
      return LifecycleStage.VIP;
    }
    return c.orders() >= 2 ? LifecycleStage.REPEAT_BUYER : LifecycleStage.FIRST_TIME_BUYER;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().collect(Collectors.toList());
    int n = sorted.size();
    return n % 2 == 1
        ? sorted.get(n / 2)
        : Math.floorDiv(sorted.get(n / 2 - 1) + sorted.get(n / 2), 2);
  }
}
