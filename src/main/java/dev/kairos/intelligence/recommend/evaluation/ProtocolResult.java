package dev.kairos.intelligence.recommend.evaluation;

/**
 * One strategy's figures under one relevance protocol, for every test customer and separately for
 * returning customers (purchases before the split) and new ones (none).
 *
 * @param allCustomers every test customer the protocol keeps
 * @param returningCustomers those who bought before the split
 * @param newCustomers those who did not
 * @param catalogCoverage distinct products recommended to anyone / recommendable products
 */
public record ProtocolResult(
    RankingMetrics allCustomers,
    RankingMetrics returningCustomers,
    RankingMetrics newCustomers,
    double catalogCoverage) {}
