package dev.kairos.intelligence.clv;

import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A repeat-purchase model and a spend model fitted on the same calibration period, predicting each
 * customer's orders, churn risk, next order date and value.
 *
 * <p>Predicted (discounted) value over {@code H} months of {@code Δ} = 365.25/12 days each:
 *
 * <pre>
 * CLV = Σ_{k=1..H} ( E[Y(kΔ)] − E[Y((k−1)Δ)] ) · E[M] / (1 + d)^k
 * </pre>
 *
 * with E[Y(t)] the expected transactions in the {@code t} after calibration end, E[M] the
 * Gamma-Gamma expected average spend and {@code d} the monthly discount rate.
 */
public record CustomerValueModel(
    RepeatPurchaseModel purchases,
    GammaGammaModel spend,
    LocalDate calibrationEnd,
    ClvTimeUnit timeUnit) {

  private static final double NEXT_ORDER_SEARCH_DAYS = 365;

  public CustomerPrediction predict(CustomerSummary c, ValueHorizon horizon) {
    int x = c.frequency();
    double tx = c.recency();
    double age = c.age();
    double alive = purchases.probabilityAlive(x, tx, age);
    double spendPerOrder = spend.expectedAverageSpend(x, c.monetaryValue());
    return new CustomerPrediction(
        c.customerId(),
        alive,
        1 - alive,
        ordersWithinDays(30, c),
        ordersWithinDays(90, c),
        ordersWithinDays(365, c),
        nextOrderDate(c),
        spendPerOrder,
        c.historicValue(),
        discountedValue(c, spendPerOrder, horizon));
  }

  /** Expected transactions in the {@code days} after calibration end. */
  public double ordersWithinDays(double days, CustomerSummary c) {
    return purchases.expectedTransactions(
        timeUnit.fromDays(days), c.frequency(), c.recency(), c.age());
  }

  /** The day at which one transaction is expected, rounded up; empty beyond a year. */
  public Optional<LocalDate> nextOrderDate(CustomerSummary c) {
    OptionalDouble t =
        purchases.timeToNextTransaction(
            c.frequency(), c.recency(), c.age(), timeUnit.fromDays(NEXT_ORDER_SEARCH_DAYS));
    if (t.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(calibrationEnd.plusDays((long) Math.ceil(timeUnit.toDays(t.getAsDouble()))));
  }

  private double discountedValue(CustomerSummary c, double spendPerOrder, ValueHorizon horizon) {
    double value = 0;
    double previous = 0;
    for (int k = 1; k <= horizon.months(); k++) {
      double cumulative = ordersWithinDays(k * ValueHorizon.DAYS_PER_MONTH, c);
      value +=
          (cumulative - previous) * spendPerOrder / Math.pow(1 + horizon.monthlyDiscountRate(), k);
      previous = cumulative;
    }
    return value;
  }
}
