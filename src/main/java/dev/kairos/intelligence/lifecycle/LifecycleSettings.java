package dev.kairos.intelligence.lifecycle;

import java.time.Duration;

/**
 * How a shop's lifecycle thresholds are derived from its order history; see {@link
 * LifecycleThresholds#fromShopHistory}.
 *
 * @param atRiskMultiple a customer is at risk after this many typical inter-purchase times without
 *     an order (default 2)
 * @param lapsedMultiple ... and lapsed after this many (default 4); larger than atRiskMultiple
 * @param minimumAtRisk the at-risk threshold is never shorter than this (default 14 days), so a
 *     shop of daily buyers does not call someone at risk after two days
 * @param defaultInterPurchaseTime the typical inter-purchase time used while the shop has fewer
 *     than {@code minimumRepeatBuyers} repeat buyers (default 60 days)
 * @param minimumRepeatBuyers the support needed to trust the shop's own inter-purchase time
 *     (default 20)
 * @param vipMinimumOrders a customer with at least this many orders is a VIP (default 10)
 * @param vipRevenuePercentile a customer whose lifetime revenue reaches this percentile of all
 *     buyers' lifetime revenue is a VIP (default 0.90: the top tenth)
 */
public record LifecycleSettings(
    double atRiskMultiple,
    double lapsedMultiple,
    Duration minimumAtRisk,
    Duration defaultInterPurchaseTime,
    int minimumRepeatBuyers,
    int vipMinimumOrders,
    double vipRevenuePercentile) {

  public static LifecycleSettings defaults() {
    return new LifecycleSettings(2.0, 4.0, Duration.ofDays(14), Duration.ofDays(60), 20, 10, 0.90);
  }

  public LifecycleSettings {
    if (!(atRiskMultiple > 0) || !(lapsedMultiple > atRiskMultiple)) {
      throw new IllegalArgumentException(
          "need 0 < atRiskMultiple < lapsedMultiple, were "
              + atRiskMultiple
              + ", "
              + lapsedMultiple);
    }
    if (minimumAtRisk.isNegative() || defaultInterPurchaseTime.compareTo(Duration.ZERO) <= 0) {
      throw new IllegalArgumentException("durations must be positive");
    }
    if (minimumRepeatBuyers < 1 || vipMinimumOrders < 2) {
      throw new IllegalArgumentException("minimumRepeatBuyers >= 1 and vipMinimumOrders >= 2");
    }
    if (!(vipRevenuePercentile > 0 && vipRevenuePercentile <= 1)) {
      throw new IllegalArgumentException("vipRevenuePercentile must be in (0, 1]");
    }
  }
}
