package dev.kairos.intelligence.replenishment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.intelligence.rfm.CustomerOrder;
import dev.kairos.intelligence.rfm.OnlineRetail;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reorder intervals learnt from the Online Retail transactions. */
class ReplenishmentOnOnlineRetailTest {

  @Test
  void many_products_have_an_interval_with_the_documented_support() {
    List<CustomerOrder> orders = OnlineRetail.orders();
    ReplenishmentSettings settings = ReplenishmentSettings.defaults();

    ReplenishmentIntervals intervals = ReplenishmentIntervals.learn(orders, settings);

    List<ReplenishmentInterval> all =
        intervals.all().stream()
            .sorted(Comparator.comparingInt(ReplenishmentInterval::repeatBuyers).reversed())
            .toList();
    List<Duration> sorted = all.stream().map(ReplenishmentInterval::interval).sorted().toList();
    System.out.printf(
        "products with an interval: %d; interval median %d days, p10 %d, p90 %d%n",
        all.size(),
        sorted.get(sorted.size() / 2).toDays(),
        sorted.get(sorted.size() / 10).toDays(),
        sorted.get(sorted.size() * 9 / 10).toDays());
    all.stream()
        .limit(10)
        .forEach(
            i ->
                System.out.printf(
                    "  %s: %d days, %d repeat buyers%n",
                    i.productId(), i.interval().toDays(), i.repeatBuyers()));

    // about 3,700 stock codes were bought by identified customers; a good share are reordered
    assertThat(all.size()).isBetween(500, 3_700);
    assertThat(all).allMatch(i -> i.repeatBuyers() >= settings.minimumRepeatBuyers());
    assertThat(all).allMatch(i -> i.interval().compareTo(settings.minimumGap()) >= 0);
    // the data covers one year, so a typical reorder interval is weeks to months
    assertThat(sorted.get(sorted.size() / 2)).isBetween(Duration.ofDays(14), Duration.ofDays(150));
    // the best-supported products are reordered by hundreds of customers
    assertThat(all.get(0).repeatBuyers()).isGreaterThan(100);
  }
}
