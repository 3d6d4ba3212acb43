package dev.kairos.intelligence.replenishment;

import java.time.Duration;

/**
 * How reorder intervals are learnt.
 *
 * @param minimumRepeatBuyers a product gets an interval only when at least this many customers
 *     bought it on two or more occasions (default 5)
 * @param minimumGap purchases of one product by one customer closer together than this are one
 *     purchase occasion (default 1 day), so a split basket or a forgotten item added an hour later
 *     does not read as a reorder
 */
public record ReplenishmentSettings(int minimumRepeatBuyers, Duration minimumGap) {

  public static ReplenishmentSettings defaults() {
    return new ReplenishmentSettings(5, Duration.ofDays(1));
  }

  public ReplenishmentSettings {
    if (minimumRepeatBuyers < 1) {
      throw new IllegalArgumentException("minimumRepeatBuyers must be at least 1");
    }
    if (minimumGap == null || minimumGap.isNegative()) {
      throw new IllegalArgumentException("minimumGap must not be negative");
    }
  }
}
