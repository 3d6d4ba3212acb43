package dev.kairos.intelligence.rfm;

import java.time.Duration;

/**
 * How RFM is computed for a shop.
 *
 * @param window only orders placed in {@code [now - window, now]} count; customers without an order
 *     in the window are not scored
 */
public record RfmSettings(Duration window) {

  /** The default: the last 365 days. */
  public static RfmSettings defaults() {
    return new RfmSettings(Duration.ofDays(365));
  }

  public RfmSettings {
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive, was " + window);
    }
  }
}
