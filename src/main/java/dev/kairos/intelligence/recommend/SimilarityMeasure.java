package dev.kairos.intelligence.recommend;

/**
 * How two products' co-occurrence counts become a similarity. Every measure is symmetric in the two
 * products and is 0 when they never occur together. Counts are recency-weighted (each basket or
 * session counts {@code 0.5^(age / halfLife)}); {@code together} is the unweighted number of shared
 * baskets, which is what evidence (shrinkage, minimum support) is measured in.
 *
 * <p>Why cosine with shrinkage is the default: docs/decisions/0003-recommendation-similarity.md.
 */
public enum SimilarityMeasure {
  /**
   * Cosine of the two products' basket vectors, {@code c_ij / sqrt(c_i c_j)}, times {@code n / (n +
   * λ)} where n is the number of shared baskets: a pair seen together once cannot outrank a pair
   * seen together fifty times just because both products are rare. In [0, 1).
   */
  SHRUNK_COSINE {
    @Override
    public double score(
        double both, double first, double second, double total, int together, double shrinkage) {
      if (both <= 0 || first <= 0 || second <= 0) {
        return 0;
      }
      return both / Math.sqrt(first * second) * (together / (together + shrinkage));
    }
  },

  /**
   * Dunning's log-likelihood ratio (G²) of the 2×2 contingency table "basket has i" × "basket has
   * j": how surprising the overlap is if the two products were independent. 0 for pairs that occur
   * together no more often than chance. Unbounded; favours frequent products.
   */
  LOG_LIKELIHOOD_RATIO {
    @Override
    public double score(
        double both, double first, double second, double total, int together, double shrinkage) {
      // the larger marginal first, so that (i, j) and (j, i) give bit-identical results
      double k11 = both;
      double k12 = Math.max(first, second) - both;
      double k21 = Math.min(first, second) - both;
      double k22 = total - first - second + both;
      if (k11 <= 0 || k11 * total <= first * second) {
        return 0; // not more often together than independence predicts
      }
      double rowEntropy = entropy(k11 + k12, k21 + k22);
      double columnEntropy = entropy(k11 + k21, k12 + k22);
      double matrixEntropy = entropy(k11, k12, k21, k22);
      return Math.max(0, 2.0 * (rowEntropy + columnEntropy - matrixEntropy));
    }
  };

  /**
   * The similarity of products i and j.
   *
   * @param both weighted number of baskets holding both
   * @param first weighted number of baskets holding i
   * @param second weighted number of baskets holding j
   * @param total weighted number of baskets
   * @param together unweighted number of baskets holding both
   * @param shrinkage the shrinkage constant λ (ignored by measures without shrinkage)
   */
  public abstract double score(
      double both, double first, double second, double total, int together, double shrinkage);

  private static double xLogX(double x) {
    return x <= 0 ? 0 : x * Math.log(x);
  }

  /** Mahout's unnormalised entropy: xLogX(sum) - sum(xLogX(each)). */
  private static double entropy(double... counts) {
    double sum = 0;
    double parts = 0;
    for (double c : counts) {
      sum += c;
      parts += xLogX(c);
    }
    return xLogX(sum) - parts;
  }
}
