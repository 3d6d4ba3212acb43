package dev.kairos.intelligence.lifecycle;

import dev.kairos.intelligence.rfm.CustomerOrder;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The concrete thresholds a shop's lifecycle stages are decided with.
 *
 * @param typicalInterPurchaseTime the shop's typical time between two orders of one customer
 * @param atRiskAfter no order for this long makes a customer at risk
 * @param lapsedAfter no order for this long makes a customer lapsed (longer than atRiskAfter)
 * @param vipMinimumOrders this many orders make a customer a VIP
 * @param vipMinimumRevenue this much lifetime revenue makes a customer a VIP; empty when unknown
 */
public record LifecycleThresholds(
    Duration typicalInterPurchaseTime,
    Duration atRiskAfter,
    Duration lapsedAfter,
    int vipMinimumOrders,
    Optional<BigDecimal> vipMinimumRevenue) {

  public LifecycleThresholds {
    Objects.requireNonNull(typicalInterPurchaseTime, "typicalInterPurchaseTime");
    Objects.requireNonNull(vipMinimumRevenue, "vipMinimumRevenue");
    if (atRiskAfter.compareTo(Duration.ZERO) <= 0 || lapsedAfter.compareTo(atRiskAfter) <= 0) {
      throw new IllegalArgumentException(
          "need 0 < atRiskAfter < lapsedAfter, were " + atRiskAfter + ", " + lapsedAfter);
    }
  }

  /**
   * Thresholds from a typical inter-purchase time: at risk after {@code max(minimumAtRisk,
   * atRiskMultiple × typical)}, lapsed after {@code lapsedMultiple / atRiskMultiple} times that.
   */
  public static LifecycleThresholds of(
      Duration typicalInterPurchaseTime,
      Optional<BigDecimal> vipMinimumRevenue,
      LifecycleSettings settings) {
    Duration atRisk = scale(typicalInterPurchaseTime, settings.atRiskMultiple());
    if (atRisk.compareTo(settings.minimumAtRisk()) < 0) {
      atRisk = settings.minimumAtRisk();
    }
    Duration lapsed = scale(atRisk, settings.lapsedMultiple() / settings.atRiskMultiple());
    return new LifecycleThresholds(
        typicalInterPurchaseTime, atRisk, lapsed, settings.vipMinimumOrders(), vipMinimumRevenue);
  }

  /**
   * Thresholds learnt from the shop's own orders (all time, up to the caller): the typical
   * inter-purchase time is the median, over repeat buyers, of each buyer's median gap between
   * consecutive orders (one vote per customer, so a handful of very frequent buyers do not pull it
   * down); {@code settings.defaultInterPurchaseTime()} while there are fewer than {@code
   * settings.minimumRepeatBuyers()} repeat buyers. The VIP revenue is the nearest-rank {@code
   * vipRevenuePercentile} of buyers' lifetime revenue.
   */
  public static LifecycleThresholds fromShopHistory(
      Collection<CustomerOrder> orders, LifecycleSettings settings) {
    Map<UUID, List<CustomerOrder>> byProfile = new HashMap<>();
    for (CustomerOrder order : orders) {
      byProfile.computeIfAbsent(order.profileId(), id -> new ArrayList<>()).add(order);
    }
    List<Long> buyerMedianGaps = new ArrayList<>();
    List<BigDecimal> revenues = new ArrayList<>(byProfile.size());
    for (List<CustomerOrder> own : byProfile.values()) {
      List<Instant> times = new ArrayList<>(own.size());
      BigDecimal revenue = BigDecimal.ZERO;
      for (CustomerOrder order : own) {
        times.add(order.placedAt());
        revenue = revenue.add(order.value());
      }
      revenues.add(revenue);
      times.sort(null);
      List<Long> gaps = new ArrayList<>();
      for (int i = 1; i < times.size(); i++) {
        gaps.add(Duration.between(times.get(i - 1), times.get(i)).getSeconds());
      }
      if (!gaps.isEmpty()) {
        buyerMedianGaps.add(median(gaps));
      }
    }
    Duration typical =
        buyerMedianGaps.size() >= settings.minimumRepeatBuyers()
            ? Duration.ofSeconds(median(buyerMedianGaps))
            : settings.defaultInterPurchaseTime();
    if (typical.compareTo(Duration.ZERO) <= 0) {
      typical = settings.defaultInterPurchaseTime();
    }
    Optional<BigDecimal> vipRevenue = Optional.empty();
    if (!revenues.isEmpty()) {
      revenues.sort(null);
      int rank = (int) Math.ceil(settings.vipRevenuePercentile() * revenues.size());
      vipRevenue = Optional.of(revenues.get(Math.max(rank, 1) - 1));
    }
    return of(typical, vipRevenue, settings);
  }

  /** The median of a non-empty list (mean of the two middle values when even), rounded down. */
  static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1
        ? sorted.get(n / 2)
        : Math.floorDiv(sorted.get(n / 2 - 1) + sorted.get(n / 2), 2);
  }

  private static Duration scale(Duration d, double factor) {
    return Duration.ofSeconds(Math.round(d.getSeconds() * factor));
  }
}
