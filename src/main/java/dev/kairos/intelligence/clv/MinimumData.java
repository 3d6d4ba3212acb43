package dev.kairos.intelligence.clv;

/**
 * The minimum-data rule: below these counts a fit would be noise dressed up as a forecast, so none
 * is made. Defaults: 100 customers, of whom 20 repeat buyers (customers with at least one repeat
 * transaction in the calibration period). Four BG/NBD parameters, two of which (a, b) are learned
 * only from repeat buyers, need both.
 */
public record MinimumData(int customers, int repeatBuyers) {
  public static final MinimumData DEFAULT = new MinimumData(100, 20);

  public MinimumData {
    if (customers < 1 || repeatBuyers < 1) {
      throw new IllegalArgumentException("minimum counts must be at least 1");
    }
  }

  /** Why the data are not enough, or null when they are. */
  String shortfall(SufficientStatistics data) {
    return shortfall(data.customers(), data.repeatBuyers());
  }

  String shortfall(double customerCount, double repeatBuyerCount) {
    if (customerCount < customers) {
      return String.format(
          "%.0f customers in the calibration period; at least %d are needed",
          customerCount, customers);
    }
    if (repeatBuyerCount < repeatBuyers) {
      return String.format(
          "%.0f repeat buyers in the calibration period; at least %d are needed",
          repeatBuyerCount, repeatBuyers);
    }
    return null;
  }
}
