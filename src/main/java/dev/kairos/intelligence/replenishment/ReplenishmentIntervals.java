package dev.kairos.intelligence.replenishment;

import dev.kairos.intelligence.rfm.CustomerOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The reorder intervals of a shop's products, learnt from its orders.
 *
 * <p>For each product and customer, purchase times are merged into occasions (purchases closer than
 * {@code minimumGap} to the previous occasion join it). A customer with two or more occasions is a
 * repeat buyer of the product and votes with the median of their gaps between occasions. The
 * product's interval is the median of those votes, kept only when at least {@code
 * minimumRepeatBuyers} customers voted. Medians of an even count are the mean of the two middle
 * values.
 */
public final class ReplenishmentIntervals {
  private final Map<String, ReplenishmentInterval> byProduct;

  private ReplenishmentIntervals(Map<String, ReplenishmentInterval> byProduct) {
    this.byProduct = Map.copyOf(byProduct);
  }

  /** Intervals from known values, e.g. loaded back from storage. */
  public static ReplenishmentIntervals of(Collection<ReplenishmentInterval> intervals) {
    Map<String, ReplenishmentInterval> map = new HashMap<>();
    intervals.forEach(i -> map.put(i.productId(), i));
    return new ReplenishmentIntervals(map);
  }

  /** Learns the intervals from all the shop's orders. */
  public static ReplenishmentIntervals learn(
      Collection<CustomerOrder> orders, ReplenishmentSettings settings) {
    Map<String, Map<UUID, List<Instant>>> purchases = new HashMap<>();
    for (CustomerOrder order : orders) {
      for (String product : order.productIds()) {
        purchases
            .computeIfAbsent(product, p -> new HashMap<>())
            .computeIfAbsent(order.profileId(), id -> new ArrayList<>())
            .add(order.placedAt());
      }
    }
    Map<String, ReplenishmentInterval> intervals = new HashMap<>();
    purchases.forEach(
        (product, byBuyer) -> {
          List<Long> votes = new ArrayList<>();
          for (List<Instant> times : byBuyer.values()) {
            List<Long> gaps = gapsBetweenOccasions(times, settings.minimumGap());
            if (!gaps.isEmpty()) {
              votes.add(median(gaps));
            }
          }
          if (votes.size() >= settings.minimumRepeatBuyers()) {
            intervals.put(
                product,
                new ReplenishmentInterval(
                    product, Duration.ofSeconds(median(votes)), votes.size()));
          }
        });
    return new ReplenishmentIntervals(intervals);
  }

  /** The interval of a product; empty when it has too few repeat buyers. */
  public Optional<ReplenishmentInterval> of(String productId) {
    return Optional.ofNullable(byProduct.get(productId));
  }

  /** Every product with an interval. */
  public Collection<ReplenishmentInterval> all() {
    return byProduct.values();
  }

  /** When a person who last bought the product at {@code lastPurchasedAt} is due to reorder. */
  public Optional<ReplenishmentDue> dueDate(
      UUID profileId, String productId, Instant lastPurchasedAt) {
    return of(productId)
        .map(i -> new ReplenishmentDue(profileId, productId, lastPurchasedAt, i.interval()));
  }

  /**
   * The due dates of every product with an interval that the person has bought, from their last
   * purchase of each, soonest first.
   */
  public List<ReplenishmentDue> dueDates(
      UUID profileId, Collection<CustomerOrder> ordersOfProfile) {
    Map<String, Instant> lastPurchase = new HashMap<>();
    for (CustomerOrder order : ordersOfProfile) {
      if (!order.profileId().equals(profileId)) {
        continue;
      }
      for (String product : order.productIds()) {
        lastPurchase.merge(product, order.placedAt(), (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    List<ReplenishmentDue> due = new ArrayList<>();
    lastPurchase.forEach((product, at) -> dueDate(profileId, product, at).ifPresent(due::add));
    due.sort(
        Comparator.comparing(ReplenishmentDue::dueAt).thenComparing(ReplenishmentDue::productId));
    return due;
  }

  static List<Long> gapsBetweenOccasions(List<Instant> times, Duration minimumGap) {
    List<Instant> sorted = new ArrayList<>(times);
    sorted.sort(null);
    List<Long> gaps = new ArrayList<>();
    Instant occasion = sorted.get(0);
    for (Instant t : sorted.subList(1, sorted.size())) {
      Duration gap = Duration.between(occasion, t);
      if (!gap.isZero() && gap.compareTo(minimumGap) >= 0) {
        gaps.add(gap.getSeconds());
        occasion = t;
      }
    }
    return gaps;
  }

  static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1
        ? sorted.get(n / 2)
        : Math.floorDiv(sorted.get(n / 2 - 1) + sorted.get(n / 2), 2);
  }
}
