package dev.kairos.intelligence.recommend;

import java.time.Duration;
import java.util.Objects;

/**
 * The score of {@link Strategy#BUY_AGAIN} and {@link Strategy#FOR_YOU}. Chosen on a validation
 * split inside the training period (see {@code RecommendationTuning} and docs/recommendations.md),
 * never on a reported test period.
 *
 * <p><b>Buy again</b>, for a product the person bought in {@code n} orders, the last one {@code t}
 * ago, {@code u} units in all, whose repurchase interval is {@code I}:
 *
 * <pre>
 *   buyAgain = n^frequencyExponent × 0.5^(t / repeatHalfLife) × min(1, t / I)^dueExponent
 *              × (1 + unitsWeight × ln(u / n)) × r^repeatRateExponent
 * </pre>
 *
 * where {@code r} is the share of the product's customers who bought it again, smoothed ((repeat
 * buyers + 1) / (buyers + 2)): some products are bought once, others every month.
 *
 * <p><b>For you</b>, for any recommendable product, each part divided by its best value for this
 * person (so each lies in [0, 1]):
 *
 * <pre>
 *   forYou = repeat × buyAgain/best + related × history/best + popular × popularity/best
 * </pre>
 *
 * where {@code history} is the item-to-item score of {@link Strategy#BASED_ON_YOUR_HISTORY} plus
 * {@code sameCustomers} × the same sum over "bought by the same customers" neighbours, and {@code
 * popularity} is popularity in the person's main category (overall without categories).
 *
 * <p><b>New customers</b> (no history): {@code popularity/best + trending × recent/best}, where
 * {@code recent} is popularity with the half-life {@code trendingHalfLife}.
 */
public record ForYouWeights(
    double frequencyExponent,
    Duration repeatHalfLife,
    double dueExponent,
    double unitsWeight,
    double repeatRateExponent,
    double repeat,
    double related,
    double popular,
    double sameCustomers,
    Duration trendingHalfLife,
    double trending) {

  public ForYouWeights {
    Objects.requireNonNull(repeatHalfLife, "repeatHalfLife");
    Objects.requireNonNull(trendingHalfLife, "trendingHalfLife");
    if (repeatHalfLife.isNegative() || repeatHalfLife.isZero()) {
      throw new IllegalArgumentException("repeatHalfLife must be positive");
    }
    if (trendingHalfLife.isNegative() || trendingHalfLife.isZero()) {
      throw new IllegalArgumentException("trendingHalfLife must be positive");
    }
    if (frequencyExponent < 0
        || dueExponent < 0
        || unitsWeight < 0
        || repeatRateExponent < 0
        || repeat < 0
        || related < 0
        || popular < 0
        || sameCustomers < 0
        || trending < 0) {
      throw new IllegalArgumentException("exponents and weights must be >= 0");
    }
  }

  public static ForYouWeights defaults() {
    return new ForYouWeights(
        1.0, Duration.ofDays(365), 0.15, 0.1, 1.0, 1.0, 0.3, 0.05, 0.0, Duration.ofDays(14), 0.0);
  }

  /** The buy-again score of one past product (see the class comment). */
  double buyAgain(
      int orders,
      long secondsSinceLast,
      double intervalSeconds,
      double unitsPerOrder,
      double repeatRate) {
    double since = Math.max(0, secondsSinceLast);
    double frequency = Math.pow(orders, frequencyExponent);
    double recency = Math.pow(0.5, since / repeatHalfLife.toSeconds());
    double due =
        Math.pow(Math.min(1.0, (since + 3600) / Math.max(3600, intervalSeconds)), dueExponent);
    double units = 1 + unitsWeight * Math.log(Math.max(1.0, unitsPerOrder));
    return frequency * recency * due * units * Math.pow(repeatRate, repeatRateExponent);
  }
}
