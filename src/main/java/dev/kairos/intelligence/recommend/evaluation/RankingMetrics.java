package dev.kairos.intelligence.recommend.evaluation;

/**
 * Top-k ranking quality averaged over customers, with binary relevance (a recommended product is a
 * hit when the customer bought it in the test period).
 *
 * @param customers customers averaged over
 * @param hitRate share of customers with at least one hit in their top k (HR@k)
 * @param precision hits / k, averaged (precision@k)
 * @param recall hits / number of relevant products, averaged (recall@k)
 * @param ndcg DCG of the list over the DCG of an ideal list of min(k, relevant) hits (NDCG@k)
 * @param map average precision at k: the precision at each hit's rank, summed, over min(k,
 *     relevant), averaged over customers (MAP@k)
 */
public record RankingMetrics(
    int customers, double hitRate, double precision, double recall, double ndcg, double map) {

  /** Accumulates per-customer results. */
  static final class Accumulator {
    private int customers;
    private double hits;
    private double precision;
    private double recall;
    private double ndcg;
    private double map;

    /**
     * @param hitAt hitAt[r] is true when the product at rank r (0-based) is relevant
     * @param listed how many products were recommended (at most k)
     * @param relevant how many relevant products the customer has (at least 1)
     * @param k the cut-off
     */
    void add(boolean[] hitAt, int listed, int relevant, int k) {
      int hitCount = 0;
      double dcg = 0;
      double precisionSum = 0;
      for (int r = 0; r < listed; r++) {
        if (hitAt[r]) {
          hitCount++;
          dcg += 1.0 / log2(r + 2);
          precisionSum += hitCount / (double) (r + 1);
        }
      }
      double ideal = 0;
      for (int r = 0; r < Math.min(k, relevant); r++) {
        ideal += 1.0 / log2(r + 2);
      }
      customers++;
      hits += hitCount > 0 ? 1 : 0;
      precision += hitCount / (double) k;
      recall += hitCount / (double) relevant;
      ndcg += dcg / ideal;
      map += precisionSum / Math.min(k, relevant);
    }

    RankingMetrics result() {
      if (customers == 0) {
        return new RankingMetrics(0, 0, 0, 0, 0, 0);
      }
      return new RankingMetrics(
          customers,
          hits / customers,
          precision / customers,
          recall / customers,
          ndcg / customers,
          map / customers);
    }

    private static double log2(double x) {
      return Math.log(x) / Math.log(2);
    }
  }
}
