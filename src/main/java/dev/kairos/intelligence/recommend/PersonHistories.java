package dev.kairos.intelligence.recommend;

import java.util.Arrays;

/**
 * What each identified person bought and viewed, as compressed rows: the products of person p are
 * {@code item[start[p] .. start[p+1])}, each once, with a recency-weighted interest ({@code
 * weight}: each basket counts its recency weight, each viewing session {@code viewWeight} times its
 * recency weight) and whether the person bought it. Also each person's most recent basket.
 */
final class PersonHistories {
  final int personCount;
  final int[] start;
  final int[] item;
  final double[] weight;
  final boolean[] bought;
  final int[] lastBasketStart;
  final int[] lastBasketItem;

  private PersonHistories(
      int personCount,
      int[] start,
      int[] item,
      double[] weight,
      boolean[] bought,
      int[] lastBasketStart,
      int[] lastBasketItem) {
    this.personCount = personCount;
    this.start = start;
    this.item = item;
    this.weight = weight;
    this.bought = bought;
    this.lastBasketStart = lastBasketStart;
    this.lastBasketItem = lastBasketItem;
  }

  static PersonHistories build(
      ItemSets baskets, ItemSets sessions, int personCount, int itemCount, double viewWeight) {
    int[] count = new int[personCount + 1];
    int[] lastBasket = new int[personCount];
    Arrays.fill(lastBasket, -1);
    for (int s = 0; s < baskets.count; s++) {
      int p = baskets.person[s];
      if (p >= 0) {
        count[p + 1] += baskets.size(s);
        if (lastBasket[p] < 0 || baskets.time[s] >= baskets.time[lastBasket[p]]) {
          lastBasket[p] = s;
        }
      }
    }
    for (int s = 0; s < sessions.count; s++) {
      if (sessions.person[s] >= 0) {
        count[sessions.person[s] + 1] += sessions.size(s);
      }
    }
    for (int p = 0; p < personCount; p++) {
      count[p + 1] += count[p];
    }
    int total = count[personCount];
    int[] rawItem = new int[total];
    double[] rawWeight = new double[total];
    boolean[] rawBought = new boolean[total];
    int[] fill = Arrays.copyOf(count, personCount);
    for (int s = 0; s < baskets.count; s++) {
      int p = baskets.person[s];
      for (int q = baskets.start[s]; p >= 0 && q < baskets.start[s + 1]; q++) {
        rawItem[fill[p]] = baskets.items[q];
        rawWeight[fill[p]] = baskets.weight[s];
        rawBought[fill[p]++] = true;
      }
    }
    for (int s = 0; s < sessions.count; s++) {
      int p = sessions.person[s];
      for (int q = sessions.start[s]; p >= 0 && q < sessions.start[s + 1]; q++) {
        rawItem[fill[p]] = sessions.items[q];
        rawWeight[fill[p]++] = viewWeight * sessions.weight[s];
      }
    }
    PersonHistories h = aggregate(personCount, itemCount, count, rawItem, rawWeight, rawBought);
    int[] lastStart = new int[personCount + 1];
    for (int p = 0; p < personCount; p++) {
      lastStart[p + 1] = lastStart[p] + (lastBasket[p] < 0 ? 0 : baskets.size(lastBasket[p]));
    }
    int[] lastItem = new int[lastStart[personCount]];
    for (int p = 0; p < personCount; p++) {
      if (lastBasket[p] >= 0) {
        int s = lastBasket[p];
        System.arraycopy(baskets.items, baskets.start[s], lastItem, lastStart[p], baskets.size(s));
      }
    }
    return new PersonHistories(
        personCount, h.start, h.item, h.weight, h.bought, lastStart, lastItem);
  }

  /** Merges each person's repeated products into one entry. */
  private static PersonHistories aggregate(
      int personCount,
      int itemCount,
      int[] rawStart,
      int[] rawItem,
      double[] rawWeight,
      boolean[] rawBought) {
    int[] slot = new int[itemCount];
    Arrays.fill(slot, -1);
    int[] start = new int[personCount + 1];
    int[] item = new int[rawItem.length];
    double[] weight = new double[rawItem.length];
    boolean[] bought = new boolean[rawItem.length];
    int size = 0;
    for (int p = 0; p < personCount; p++) {
      start[p] = size;
      for (int q = rawStart[p]; q < rawStart[p + 1]; q++) {
        int i = rawItem[q];
        if (slot[i] < start[p]) {
          slot[i] = size;
          item[size++] = i;
        }
        weight[slot[i]] += rawWeight[q];
        bought[slot[i]] |= rawBought[q];
      }
    }
    start[personCount] = size;
    return new PersonHistories(
        personCount,
        start,
        Arrays.copyOf(item, size),
        Arrays.copyOf(weight, size),
        Arrays.copyOf(bought, size),
        null,
        null);
  }

  boolean knows(int person) {
    return person >= 0 && person < personCount && start[person + 1] > start[person];
  }
}
