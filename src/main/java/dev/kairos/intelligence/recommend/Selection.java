package dev.kairos.intelligence.recommend;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * The up to k products of one answer, filled in order of preference: first the requested strategy's
 * own candidates, then fallbacks. A product is never listed twice and never when excluded (not
 * recommendable, already bought and not consumable, or a seed of the request).
 */
final class Selection {
  private final int k;
  private final boolean[] excluded;
  private final IdIndex products;
  private final List<Recommendation> chosen = new ArrayList<>();

  Selection(int k, boolean[] excluded, IdIndex products) {
    this.k = k;
    this.excluded = excluded;
    this.products = products;
  }

  boolean full() {
    return chosen.size() >= k;
  }

  boolean allows(int item) {
    return !excluded[item];
  }

  /** Adds the best of the scored candidates, best first, each with its reason. */
  void addBest(
      CandidateScores candidates, Strategy strategy, boolean fallback, IntFunction<Reason> why) {
    int room = k - chosen.size();
    if (room <= 0) {
      return;
    }
    TopK top = new TopK(room);
    for (int t = 0; t < candidates.touchedCount; t++) {
      int item = candidates.touched[t];
      if (!excluded[item]) {
        top.offer(item, candidates.score[item]);
      }
    }
    int[] items = new int[top.size()];
    double[] scores = new double[top.size()];
    int n = top.drainDescending(items, scores, 0);
    for (int i = 0; i < n; i++) {
      add(items[i], scores[i], strategy, why.apply(items[i]), fallback);
    }
  }

  /** Adds products from a ranked list (positions from..to of {@code ranked}) until full. */
  void addRanked(
      IntUnaryOperator ranked,
      int from,
      int to,
      double[] score,
      Strategy strategy,
      Reason reason,
      boolean fallback) {
    for (int p = from; p < to && !full(); p++) {
      int item = ranked.applyAsInt(p);
      if (!excluded[item]) {
        add(item, score[item], strategy, reason, fallback);
      }
    }
  }

  private void add(int item, double score, Strategy strategy, Reason reason, boolean fallback) {
    excluded[item] = true;
    chosen.add(new Recommendation(products.id(item), score, strategy, reason, fallback));
  }

  List<Recommendation> result() {
    return List.copyOf(chosen);
  }
}
