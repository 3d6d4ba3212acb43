package dev.kairos.intelligence.recommend.evaluation;

import java.util.List;

/**
 * The result of a holdout evaluation (see {@link HoldoutEvaluation} for the protocol).
 *
 * @param splitDate training uses purchases strictly before it, testing those at or after it
 * @param k the cut-off of every metric
 * @param trainingPurchases purchase lines before the split (identified and guest)
 * @param testCustomers identified customers who bought after the split
 * @param testCustomersWithHistory those of them who also bought before the split (returning)
 * @param recommendableProducts products known at the split that may be recommended
 * @param buildMillis time to build the model, in milliseconds
 * @param evaluateMillis time to recommend to every test customer by every strategy and score it
 * @param strategies one entry per evaluated strategy, popularity baselines included
 */
public record EvaluationReport(
    String splitDate,
    int k,
    int trainingPurchases,
    int testCustomers,
    int testCustomersWithHistory,
    int recommendableProducts,
    double buildMillis,
    double evaluateMillis,
    List<StrategyEvaluation> strategies) {

  /** The figures of the named strategy. */
  public StrategyEvaluation strategy(String name) {
    return strategies.stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no strategy " + name));
  }
}
