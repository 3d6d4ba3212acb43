package dev.kairos.intelligence.recommend;

import java.time.Duration;
import java.util.Objects;

/**
 * The knobs of the recommender. {@link #defaults()} were chosen on a validation split of UCI Online
 * Retail (train before 2011-06-01, test June–August 2011), never on the reported test period (see
 * docs/recommendations.md).
 *
 * @param neighbours how many most similar products are kept per product (top-k)
 * @param halfLife an interaction this old counts half as much as one happening now
 * @param sessionGap views of one person further apart than this start a new session
 * @param similarity how co-occurrence counts become a similarity
 * @param shrinkage the λ of {@link SimilarityMeasure#SHRUNK_COSINE}: a pair seen c times has its
 *     cosine multiplied by c / (c + λ)
 * @param minCoOccurrences pairs seen together in fewer baskets (or sessions) than this are not
 *     neighbours: one shared basket is anecdote, not evidence
 * @param maxItemsPerSet baskets or sessions with more distinct products than this (bulk orders,
 *     crawlers) count for popularity but not for co-occurrence
 * @param viewWeight the weight of a view relative to a purchase in a person's history and in
 *     popularity
 * @param popularityPrior the weight of popularity in {@link Strategy#NEXT_BEST_OFFER}: score =
 *     history score / best history score + popularityPrior × popularity / best popularity
 * @param popularityMemory how many baskets the shop's all-time product shares weigh in popularity:
 *     popularity = recency-weighted baskets + popularityMemory × all-time share, so a handful of
 *     recent orders cannot outrank a whole history, and a shop whose orders are all long past (the
 *     recency weights near 0) still has a popularity ranking
 * @param forYou the weights of {@link Strategy#BUY_AGAIN} and {@link Strategy#FOR_YOU}
 */
public record RecommenderConfig(
    int neighbours,
    Duration halfLife,
    Duration sessionGap,
    SimilarityMeasure similarity,
    double shrinkage,
    int minCoOccurrences,
    int maxItemsPerSet,
    double viewWeight,
    double popularityPrior,
    double popularityMemory,
    ForYouWeights forYou) {

  public RecommenderConfig {
    Objects.requireNonNull(halfLife, "halfLife");
    Objects.requireNonNull(sessionGap, "sessionGap");
    Objects.requireNonNull(similarity, "similarity");
    Objects.requireNonNull(forYou, "forYou");
    if (popularityMemory < 0) {
      throw new IllegalArgumentException("popularityMemory must be >= 0");
    }
    if (neighbours < 1) {
      throw new IllegalArgumentException("neighbours must be at least 1");
    }
    if (halfLife.isNegative() || halfLife.isZero()) {
      throw new IllegalArgumentException("halfLife must be positive");
    }
    if (shrinkage < 0 || viewWeight < 0 || popularityPrior < 0) {
      throw new IllegalArgumentException("shrinkage, viewWeight, popularityPrior must be >= 0");
    }
    if (minCoOccurrences < 1 || maxItemsPerSet < 2) {
      throw new IllegalArgumentException("minCoOccurrences >= 1 and maxItemsPerSet >= 2");
    }
  }

  public static RecommenderConfig defaults() {
    return new RecommenderConfig(
        50,
        Duration.ofDays(30),
        Duration.ofMinutes(30),
        SimilarityMeasure.SHRUNK_COSINE,
        5.0,
        2,
        30,
        0.2,
        0.1,
        200,
        ForYouWeights.defaults());
  }

  public RecommenderConfig withNeighbours(int value) {
    return new RecommenderConfig(
        value,
        halfLife,
        sessionGap,
        similarity,
        shrinkage,
        minCoOccurrences,
        maxItemsPerSet,
        viewWeight,
        popularityPrior,
        popularityMemory,
        forYou);
  }

  public RecommenderConfig withHalfLife(Duration value) {
    return new RecommenderConfig(
        neighbours,
        value,
        sessionGap,
        similarity,
        shrinkage,
        minCoOccurrences,
        maxItemsPerSet,
        viewWeight,
        popularityPrior,
        popularityMemory,
        forYou);
  }

  public RecommenderConfig withSimilarity(SimilarityMeasure value) {
    return new RecommenderConfig(
        neighbours,
        halfLife,
        sessionGap,
        value,
        shrinkage,
        minCoOccurrences,
        maxItemsPerSet,
        viewWeight,
        popularityPrior,
        popularityMemory,
        forYou);
  }

  public RecommenderConfig withMinCoOccurrences(int value) {
    return new RecommenderConfig(
        neighbours,
        halfLife,
        sessionGap,
        similarity,
        shrinkage,
        value,
        maxItemsPerSet,
        viewWeight,
        popularityPrior,
        popularityMemory,
        forYou);
  }

  public RecommenderConfig withMaxItemsPerSet(int value) {
    return new RecommenderConfig(
        neighbours,
        halfLife,
        sessionGap,
        similarity,
        shrinkage,
        minCoOccurrences,
        value,
        viewWeight,
        popularityPrior,
        popularityMemory,
        forYou);
  }

  public RecommenderConfig withShrinkage(double value) {
    return new RecommenderConfig(
        neighbours,
        halfLife,
        sessionGap,
        similarity,
        value,
        minCoOccurrences,
        maxItemsPerSet,
        viewWeight,
        popularityPrior,
        popularityMemory,
        forYou);
  }

  public RecommenderConfig withPopularityPrior(double value) {
    return new RecommenderConfig(
        neighbours,
        halfLife,
        sessionGap,
        similarity,
        shrinkage,
        minCoOccurrences,
        maxItemsPerSet,
        viewWeight,
        value,
        popularityMemory,
        forYou);
  }

  public RecommenderConfig withPopularityMemory(double value) {
    return new RecommenderConfig(
        neighbours,
        halfLife,
        sessionGap,
        similarity,
        shrinkage,
        minCoOccurrences,
        maxItemsPerSet,
        viewWeight,
        popularityPrior,
        value,
        forYou);
  }

  public RecommenderConfig withForYou(ForYouWeights value) {
    return new RecommenderConfig(
        neighbours,
        halfLife,
        sessionGap,
        similarity,
        shrinkage,
        minCoOccurrences,
        maxItemsPerSet,
        viewWeight,
        popularityPrior,
        popularityMemory,
        value);
  }

  /** The decay factor of an interaction {@code ageSeconds} old: 0.5^(age / halfLife). */
  public double decay(long ageSeconds) {
    return Math.pow(0.5, Math.max(0, ageSeconds) / (double) halfLife.toSeconds());
  }
}
