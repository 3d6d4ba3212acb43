package dev.kairos.intelligence.recommend;

import java.util.Arrays;

/**
 * How popular each product is now: the recency-weighted number of baskets holding it plus {@code
 * viewWeight} times the recency-weighted number of sessions viewing it, plus the all-time share
 * weighed as {@code popularityMemory} baskets. Products are ranked overall and within their
 * category.
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

  /**
   * Recency-weighted baskets (plus {@code viewWeight} × recency-weighted sessions) holding each
   * product, plus {@code memory} × the product's share of all baskets and sessions ever: the
   * all-time shares keep a handful of recent orders from outranking a whole history.
   */
  static double[] scores(
      ItemSets baskets, ItemSets sessions, int itemCount, double viewWeight, double memory) {
    double[] score = new double[itemCount];
    double[] allTime = new double[itemCount];
    double sets = 0;
    for (int s = 0; s < baskets.count; s++) {
      for (int p = baskets.start[s]; p < baskets.start[s + 1]; p++) {
        score[baskets.items[p]] += baskets.weight[s];
        allTime[baskets.items[p]] += 1;
      }
      sets += 1;
    }
    for (int s = 0; s < sessions.count; s++) {
      for (int p = sessions.start[s]; p < sessions.start[s + 1]; p++) {
        score[sessions.items[p]] += viewWeight * sessions.weight[s];
        allTime[sessions.items[p]] += viewWeight;
      }
      sets += viewWeight;
    }
    if (sets > 0 && memory > 0) {
      for (int i = 0; i < itemCount; i++) {
        score[i] += memory * allTime[i] / sets;
      }
    }
    return score;
  }

  /**
   * How many customers bought each product lately: each customer who bought it counts once, with
   * the recency weight of their latest purchase of it, and each guest basket holding it counts its
   * own recency weight; plus {@code memory} × the product's share of all customers and guest
   * baskets ever (the shop's memory, as in {@link #scores}, counted in customers). A wholesaler
   * ordering a product every week counts once, as does a household buying it once: what most people
   * are buying now is what someone without history is likeliest to buy.
   */
  static double[] customers(
      ItemSets baskets,
      PersonHistories histories,
      int itemCount,
      RecommenderConfig config,
      long nowSecond,
      double memory) {
    double[] score = new double[itemCount];
    double[] allTime = new double[itemCount];
    double buyers = 0;
    for (int person = 0; person < histories.personCount; person++) {
      boolean buyer = false;
      for (int q = histories.start[person]; q < histories.start[person + 1]; q++) {
        if (histories.bought[q]) {
          score[histories.item[q]] += config.decay(nowSecond - histories.lastBought[q]);
          allTime[histories.item[q]] += 1;
          buyer = true;
        }
      }
      buyers += buyer ? 1 : 0;
    }
    for (int s = 0; s < baskets.count; s++) {
      if (baskets.person[s] < 0) {
        for (int p = baskets.start[s]; p < baskets.start[s + 1]; p++) {
          score[baskets.items[p]] += baskets.weight[s];
          allTime[baskets.items[p]] += 1;
        }
        buyers += 1;
      }
    }
    if (buyers > 0 && memory > 0) {
      for (int i = 0; i < itemCount; i++) {
        score[i] += memory * allTime[i] / buyers;
      }
    }
    return score;
  }

  /**
   * What new customers buy: each customer's first basket and every guest basket holding the
   * product, weighted by {@code 0.5^(age / halfLifeSeconds)}.
   */
  static double[] firstOrders(
      ItemSets baskets, int personCount, int itemCount, long nowSecond, double halfLifeSeconds) {
    int[] first = new int[personCount];
    java.util.Arrays.fill(first, -1);
    for (int s = 0; s < baskets.count; s++) {
      int p = baskets.person[s];
      if (p >= 0 && (first[p] < 0 || baskets.time[s] < baskets.time[first[p]])) {
        first[p] = s;
      }
    }
    double[] score = new double[itemCount];
    for (int s = 0; s < baskets.count; s++) {
      int p = baskets.person[s];
      if (p >= 0 && first[p] != s) {
        continue;
      }
      double w = Math.pow(0.5, Math.max(0, nowSecond - baskets.time[s]) / halfLifeSeconds);
      for (int q = baskets.start[s]; q < baskets.start[s + 1]; q++) {
        score[baskets.items[q]] += w;
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
