package dev.kairos.intelligence.recommend;

import java.util.Arrays;

/**
 * How popular each product is now: the recency-weighted number of baskets holding it plus {@code
 * viewWeight} times the recency-weighted number of sessions viewing it. Products are ranked overall
 * and within their category.
 */
final class Popularity {
  final double[] score;
  final int[] ranked;
  private final int[] categoryStart;
  private final int[] rankedInCategory;

  private Popularity(double[] score, int[] ranked, int[] categoryStart, int[] rankedInCategory) {
    this.score = score;
    this.ranked = ranked;
    this.categoryStart = categoryStart;
    this.rankedInCategory = rankedInCategory;
  }

  static double[] scores(ItemSets baskets, ItemSets sessions, int itemCount, double viewWeight) {
    double[] score = new double[itemCount];
    for (int s = 0; s < baskets.count; s++) {
      for (int p = baskets.start[s]; p < baskets.start[s + 1]; p++) {
        score[baskets.items[p]] += baskets.weight[s];
      }
    }
    for (int s = 0; s < sessions.count; s++) {
      for (int p = sessions.start[s]; p < sessions.start[s + 1]; p++) {
        score[sessions.items[p]] += viewWeight * sessions.weight[s];
      }
    }
    return score;
  }

  /** Ranks products with a positive score; {@code category[i]} is -1 for none. */
  static Popularity rank(double[] score, int[] category, int categoryCount) {
    int n = score.length;
    int positive = 0;
    for (double s : score) {
      if (s > 0) {
        positive++;
      }
    }
    TopK top = new TopK(positive);
    for (int i = 0; i < n; i++) {
      if (score[i] > 0) {
        top.offer(i, score[i]);
      }
    }
    int[] ranked = new int[positive];
    top.drainDescending(ranked, new double[positive], 0);
    int[] start = new int[categoryCount + 1];
    for (int item : ranked) {
      if (category[item] >= 0) {
        start[category[item] + 1]++;
      }
    }
    for (int c = 0; c < categoryCount; c++) {
      start[c + 1] += start[c];
    }
    int[] fill = Arrays.copyOf(start, categoryCount);
    int[] inCategory = new int[start[categoryCount]];
    for (int item : ranked) {
      if (category[item] >= 0) {
        inCategory[fill[category[item]]++] = item;
      }
    }
    return new Popularity(score, ranked, start, inCategory);
  }

  /**
   * Products of a category, most popular first: indexes {@code from..to} of {@link #inCategory}.
   */
  int categoryFrom(int category) {
    return category < 0 || category + 1 >= categoryStart.length ? 0 : categoryStart[category];
  }

  int categoryTo(int category) {
    return category < 0 || category + 1 >= categoryStart.length ? 0 : categoryStart[category + 1];
  }

  int inCategory(int position) {
    return rankedInCategory[position];
  }
}
