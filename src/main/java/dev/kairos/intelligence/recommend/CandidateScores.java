package dev.kairos.intelligence.recommend;

/**
 * A sparse sum of scores over products for one request, remembering for each product the
 * contributor (a seed product) that added the most, so the result can say why.
 */
final class CandidateScores {
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
