package dev.kairos.intelligence.recommend;

import java.util.ArrayDeque;

/**
 * A sparse sum of scores over products for one request, remembering for each product the
 * contributor (a seed product) that added the most, so the result can say why.
 *
 * <p>Requests take them from a per-thread pool ({@link #take}) and give them back cleared ({@link
 * #giveBack}): dense arrays per product, allocated per request, were most of the cost of serving a
 * few thousand customers in a row.
 */
final class CandidateScores {
  private static final ThreadLocal<ArrayDeque<CandidateScores>> POOL =
      ThreadLocal.withInitial(ArrayDeque::new);

  /** A cleared instance for {@code itemCount} products, from this thread's pool when it has one. */
  static CandidateScores take(int itemCount) {
    CandidateScores pooled = POOL.get().pollFirst();
    return pooled != null && pooled.score.length == itemCount
        ? pooled
        : new CandidateScores(itemCount);
  }

  /** Clears what this request touched and returns the instance to this thread's pool. */
  void giveBack() {
    for (int t = 0; t < touchedCount; t++) {
      int item = touched[t];
      score[item] = 0;
      contributor[item] = 0;
      bestContribution[item] = 0;
    }
    touchedCount = 0;
    ArrayDeque<CandidateScores> pool = POOL.get();
    if (pool.size() < 8) {
      pool.addFirst(this);
    }
  }

  final double[] score;
  final int[] contributor;
  private final double[] bestContribution;
  final int[] touched;
  int touchedCount;

  CandidateScores(int itemCount) {
    score = new double[itemCount];
    contributor = new int[itemCount];
    bestContribution = new double[itemCount];
    touched = new int[itemCount];
  }

  void add(int item, double value, int from) {
    if (value <= 0) {
      return;
    }
    if (score[item] == 0) {
      touched[touchedCount++] = item;
    }
    score[item] += value;
    if (value > bestContribution[item]) {
      bestContribution[item] = value;
      contributor[item] = from;
    }
  }

  /** Adds {@code weight × similarity} for every neighbour of {@code seed}. */
  void addNeighbours(ItemNeighbours neighbours, int seed, double weight) {
    if (seed >= neighbours.itemCount) {
      return;
    }
    for (int p = neighbours.start[seed]; p < neighbours.start[seed + 1]; p++) {
      add(neighbours.item[p], weight * neighbours.score[p], seed);
    }
  }

  double max() {
    double max = 0;
    for (int t = 0; t < touchedCount; t++) {
      max = Math.max(max, score[touched[t]]);
    }
    return max;
  }

  boolean isEmpty() {
    return touchedCount == 0;
  }
}
