package dev.kairos.intelligence.replenishment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.intelligence.rfm.CustomerOrder;
import dev.kairos.intelligence.rfm.OnlineRetail;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The reorder intervals learnt from the Online Retail orders, checked against the same intervals
 * computed here, plainly, from each customer's purchase dates of each product and the rule as the
 * documentation states it.
 */
class ReplenishmentOnOnlineRetailTest {

  @Test
  void every_product_interval_is_the_median_of_its_repeat_buyers_median_gaps() {
    List<CustomerOrder> orders = OnlineRetail.orders();
    ReplenishmentSettings settings = ReplenishmentSettings.defaults();

    Map<String, ReplenishmentInterval> learnt =
        ReplenishmentIntervals.learn(orders, settings).all().stream()
            .collect(Collectors.toMap(ReplenishmentInterval::productId, i -> i));

    Map<String, Map<UUID, List<Instant>>> purchases = new HashMap<>();
    for (CustomerOrder order : orders) {
      for (String product : order.productIds()) {
        purchases
            .computeIfAbsent(product, p -> new HashMap<>())
            .computeIfAbsent(order.profileId(), c -> new ArrayList<>())
            .add(order.placedAt());
      }
    }
    Map<String, ReplenishmentInterval> expected = new HashMap<>();
    purchases.forEach(
        (product, byCustomer) -> {
          List<Long> votes = new ArrayList<>();
          for (List<Instant> times : byCustomer.values()) {
            List<Long> gaps = occasionGaps(times, settings.minimumGap());
            if (!gaps.isEmpty()) {
              votes.add(median(gaps));
            }
          }
          if (votes.size() >= settings.minimumRepeatBuyers()) {
            expected.put(
                product,
                new ReplenishmentInterval(
                    product, Duration.ofSeconds(median(votes)), votes.size()));
          }
        });

    assertThat(learnt).isEqualTo(expected);
    // a year of a gift wholesaler's orders: hundreds of products are reordered often enough
    assertThat(learnt.size()).isGreaterThan(500);
  }

  /** Gaps between occasions: a purchase less than {@code minimumGap} after one joins it. */
  private static List<Long> occasionGaps(List<Instant> times, Duration minimumGap) {
    List<Instant> sorted = times.stream().sorted().collect(Collectors.toList());
    List<Long> gaps = new ArrayList<>();
    Instant occasion = sorted.get(0);
    for (Instant t : sorted) {
      long seconds = Duration.between(occasion, t).getSeconds();
      if (seconds > 0 && seconds >= minimumGap.getSeconds()) {
        gaps.add(seconds);
        occasion = t;
      }
    }
    return gaps;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().collect(Collectors.toList());
    int n = sorted.size();
    return n % 2 == 1
        ? sorted.get(n / 2)
        : Math.floorDiv(sorted.get(n / 2 - 1) + sorted.get(n / 2), 2);
  }
}
