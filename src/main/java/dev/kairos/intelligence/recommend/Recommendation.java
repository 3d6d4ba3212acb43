package dev.kairos.intelligence.recommend;

/**
 * One recommended product.
 *
 * @param productId the product
 * @param score the producing strategy's score: comparable within one strategy only
 * @param strategy the strategy that produced it (a popularity strategy when {@code fallback})
 * @param reason why, for display
 * @param fallback true when the requested strategy had too little data and popularity filled in
 */
public record Recommendation(
    String productId, double score, Strategy strategy, Reason reason, boolean fallback) {}
