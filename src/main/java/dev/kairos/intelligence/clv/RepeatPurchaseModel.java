package dev.kairos.intelligence.clv;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * A fitted model of how often customers buy and when they silently stop ("die"): BG/NBD or
 * Pareto/NBD. Times are in the unit of the data the model was fitted on.
 */
public sealed interface RepeatPurchaseModel permits BgNbdModel, ParetoNbdModel {

  /** Short name: {@code bgnbd} or {@code pareto}. */
  String name();

  /** Parameter names and values, in the order of the literature. */
  Map<String, Double> parameters();

  /** Log-likelihood of the calibration data at the fitted parameters. */
  double logLikelihood();

  /** P(alive | x, t_x, T): probability that the customer has not dropped out by {@code T}. */
  double probabilityAlive(int x, double recency, double age);

  /** E[Y(t) | x, t_x, T]: expected transactions in the {@code t} units after {@code T}. */
  double expectedTransactions(double t, int x, double recency, double age);

  /**
   * Expected time until the next order: the {@code t} at which the expected cumulative number of
   * transactions after {@code T} reaches one, E[Y(t) | x, t_x, T] = 1. Empty when fewer than one
   * transaction is expected within {@code horizon}: such a customer is not expected to order again
   * soon enough to name a date. E[Y(t)] increases with {@code t}, so bisection finds the root.
   */
  default OptionalDouble timeToNextTransaction(int x, double recency, double age, double horizon) {
    if (expectedTransactions(horizon, x, recency, age) < 1) {
      return OptionalDouble.empty();
    }
    double low = 0;
    double high = horizon;
    for (int i = 0; i < 60 && high - low > 1e-6 * horizon; i++) {
      double mid = 0.5 * (low + high);
      if (expectedTransactions(mid, x, recency, age) < 1) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return OptionalDouble.of(high);
  }
}
