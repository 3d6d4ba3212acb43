package dev.kairos.intelligence.recommend.evaluation;

/**
 * The figures of one strategy in a holdout evaluation.
 *
 * @param name the strategy as evaluated (e.g. {@code based_on_your_history})
 * @param description what the strategy recommends for a customer
 * @param allPurchases relevance = every product the customer bought after the split
 * @param newProducts relevance = products bought after the split that the customer had not bought
 *     before it (customers without such products are left out)
 * @param catalogCoverage distinct products recommended to anyone / recommendable products
 * @param fallbackShare share of recommended slots filled by the popularity fallback
 */
public record StrategyEvaluation(
    String name,
    String description,
    RankingMetrics allPurchases,
    RankingMetrics newProducts,
    double catalogCoverage,
    double fallbackShare) {}
