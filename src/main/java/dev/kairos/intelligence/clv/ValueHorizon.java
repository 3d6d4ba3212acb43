package dev.kairos.intelligence.clv;

/**
 * How far ahead and how steeply predicted value is discounted: {@code months} periods of one
 * average month (365.25/12 days) each, discounted at {@code monthlyDiscountRate}.
 */
public record ValueHorizon(int months, double monthlyDiscountRate) {
  /** Twelve months at 1 % a month (about 12.7 % a year). */
  public static final ValueHorizon DEFAULT = new ValueHorizon(12, 0.01);

  public static final double DAYS_PER_MONTH = 365.25 / 12;

  public ValueHorizon {
    if (months < 1 || !(monthlyDiscountRate >= 0) || Double.isInfinite(monthlyDiscountRate)) {
      throw new IllegalArgumentException("need months >= 1 and a finite discount rate >= 0");
    }
  }
}
