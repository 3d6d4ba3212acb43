package dev.kairos.intelligence.sendtime;

import java.time.Duration;

/**
 * How best send hours are estimated.
 *
 * @param openWeight weight of an open (default 1: opens are the most common but the noisiest
 *     signal; mail privacy proxies fetch images at delivery time)
 * @param clickWeight weight of a click (default 2)
 * @param orderWeight weight of an order (default 2)
 * @param minimumEvidence a person needs at least this much total weight in the lookback for a
 *     personal hour (default 5, e.g. five opens); below it the shop-wide hour is used
 * @param priorStrength how many weighted engagements the shop-wide distribution counts as when
 *     blended with a person's own (default 10)
 * @param lookback only engagements in {@code [now - lookback, now]} count (default 365 days)
 * @param defaultHour the hour used when the shop itself has no engagement yet (default 10)
 */
public record SendHourSettings(
    double openWeight,
    double clickWeight,
    double orderWeight,
    double minimumEvidence,
    double priorStrength,
    Duration lookback,
    int defaultHour) {

  public static SendHourSettings defaults() {
    return new SendHourSettings(1, 2, 2, 5, 10, Duration.ofDays(365), 10);
  }

  public SendHourSettings {
    if (openWeight < 0 || clickWeight < 0 || orderWeight < 0) {
      throw new IllegalArgumentException("weights must not be negative");
    }
    if (minimumEvidence < 0 || priorStrength < 0) {
      throw new IllegalArgumentException("minimumEvidence and priorStrength must not be negative");
    }
    if (lookback == null || lookback.isNegative() || lookback.isZero()) {
      throw new IllegalArgumentException("lookback must be positive");
    }
    if (defaultHour < 0 || defaultHour > 23) {
      throw new IllegalArgumentException("defaultHour must be 0..23");
    }
  }

  double weight(EngagementKind kind) {
    return switch (kind) {
      case OPEN -> openWeight;
      case CLICK -> clickWeight;
      case ORDER -> orderWeight;
    };
  }
}
