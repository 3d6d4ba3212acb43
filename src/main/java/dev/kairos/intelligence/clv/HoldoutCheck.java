package dev.kairos.intelligence.clv;

import java.util.Map;

/**
 * Expected against actual repeat transactions per customer in a holdout period: the totals, the
 * mean absolute error per customer and Pearson's correlation across customers.
 */
public record HoldoutCheck(
    int customers,
    double holdoutLength,
    double actualTransactions,
    double expectedTransactions,
    double meanAbsoluteError,
    double correlation) {

  public static HoldoutCheck of(
      RepeatPurchaseModel model,
      CalibrationSummary calibration,
      HoldoutPeriod holdout,
      Map<String, Integer> actualPerCustomer) {
    double length = holdout.length(calibration.timeUnit());
    int n = calibration.customers().size();
    double sumActual = 0;
    double sumExpected = 0;
    double sumAbsolute = 0;
    double sumActual2 = 0;
    double sumExpected2 = 0;
    double sumProduct = 0;
    for (CustomerSummary c : calibration.customers()) {
      double actual = actualPerCustomer.getOrDefault(c.customerId(), 0);
      double expected = model.expectedTransactions(length, c.frequency(), c.recency(), c.age());
      sumActual += actual;
      sumExpected += expected;
      sumAbsolute += Math.abs(actual - expected);
      sumActual2 += actual * actual;
      sumExpected2 += expected * expected;
      sumProduct += actual * expected;
    }
    double covariance = sumProduct - sumActual * sumExpected / n;
    double varianceActual = sumActual2 - sumActual * sumActual / n;
    double varianceExpected = sumExpected2 - sumExpected * sumExpected / n;
    double correlation = covariance / Math.sqrt(varianceActual * varianceExpected);
    return new HoldoutCheck(
        n,
        length,
        sumActual,
        sumExpected,
        sumAbsolute / n,
        Double.isFinite(correlation) ? correlation : Double.NaN);
  }
}
