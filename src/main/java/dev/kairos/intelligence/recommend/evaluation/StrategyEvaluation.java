package dev.kairos.intelligence.recommend.evaluation;

/**
 * The figures of one strategy in a holdout evaluation.
 *
 * @param name the strategy as evaluated (e.g. {@code for_you})
 * @param description what the strategy recommends for a customer
 * @param allPurchases relevance = every product the customer bought after the split; the lists are
 *     the strategy's own (a strategy that repeats purchases may list past products)
 * @param newProducts relevance = products bought after the split that the customer had not bought
 *     before it (customers without such products are left out); the lists leave out every past
 *     product, whatever the strategy
 * @param fallbackShare share of recommended slots (all-purchases lists) filled by a fallback
 * @param millis time to recommend to every test customer under both protocols, in milliseconds
 */
public record StrategyEvaluation(
    String name,
    String description,
    ProtocolResult allPurchases,
    ProtocolResult newProducts,
    double fallbackShare,
    double millis) {}
