package dev.kairos.intelligence.recommend;

import java.util.Arrays;

/**
 * What each identified person bought and viewed, as compressed rows: the products of person p are
 * {@code item[start[p] .. start[p+1])}, each once, with a recency-weighted interest ({@code
 * weight}: each basket counts its recency weight, each viewing session {@code viewWeight} times its
 * recency weight) and whether the person bought it. For bought products also how many orders held
 * it ({@code orders}), when the last one was placed ({@code lastBought}, epoch seconds) and how
 * many units in all ({@code units}). Also each person's most recent basket.
 */
final class PersonHistories {
  final int personCount;
  final int[] start;
  final int[] item;
  final double[] weight;
  final boolean[] bought;
  final int[] orders;
  final long[] lastBought;
  final long[] units;
  final int[] lastBasketStart;
  final int[] lastBasketItem;

  private PersonHistories(PersonHistories rows, int[] lastBasketStart, int[] lastBasketItem) {
    this.personCount = rows.personCount;
    this.start = rows.start;
    this.item = rows.item;
    this.weight = rows.weight;
    this.bought = rows.bought;
    this.orders = rows.orders;
    this.lastBought = rows.lastBought;
    this.units = rows.units;
    this.lastBasketStart = lastBasketStart;
    this.lastBasketItem = lastBasketItem;
  }

  private PersonHistories(
      int personCount,
      int[] start,
      int[] item,
      double[] weight,
      boolean[] bought,
      int[] orders,
      long[] lastBought,
      long[] units) {
    this.personCount = personCount;
    this.start = start;
    this.item = item;
    this.weight = weight;
    this.bought = bought;
    this.orders = orders;
    this.lastBought = lastBought;
    this.units = units;
    this.lastBasketStart = null;
    this.lastBasketItem = null;
  }

  /** One basket's or session's product before it is merged into the person's row. */
  private static final class Raw {
    final int[] item;
    final double[] weight;
    final boolean[] bought;
    final long[] time;
    final int[] units;

    Raw(int size) {
      item = new int[size];
      weight = new double[size];
      bought = new boolean[size];
      time = new long[size];
      units = new int[size];
    }
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
    Raw raw = new Raw(count[personCount]);
    int[] fill = Arrays.copyOf(count, personCount);
    for (int s = 0; s < baskets.count; s++) {
      int p = baskets.person[s];
      for (int q = baskets.start[s]; p >= 0 && q < baskets.start[s + 1]; q++) {
        int at = fill[p]++;
        raw.item[at] = baskets.items[q];
        raw.weight[at] = baskets.weight[s];
        raw.bought[at] = true;
        raw.time[at] = baskets.time[s];
        raw.units[at] = baskets.quantity[q];
      }
    }
    for (int s = 0; s < sessions.count; s++) {
      int p = sessions.person[s];
      for (int q = sessions.start[s]; p >= 0 && q < sessions.start[s + 1]; q++) {
        int at = fill[p]++;
        raw.item[at] = sessions.items[q];
        raw.weight[at] = viewWeight * sessions.weight[s];
      }
    }
    PersonHistories h = aggregate(personCount, itemCount, count, raw);
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
    return new PersonHistories(h, lastStart, lastItem);
  }

  /** Merges each person's repeated products into one entry. */
  private static PersonHistories aggregate(
      int personCount, int itemCount, int[] rawStart, Raw raw) {
    int[] slot = new int[itemCount];
    Arrays.fill(slot, -1);
    int n = raw.item.length;
    int[] start = new int[personCount + 1];
    int[] item = new int[n];
    double[] weight = new double[n];
    boolean[] bought = new boolean[n];
    int[] orders = new int[n];
    long[] lastBought = new long[n];
    long[] units = new long[n];
    int size = 0;
    for (int p = 0; p < personCount; p++) {
      start[p] = size;
      for (int q = rawStart[p]; q < rawStart[p + 1]; q++) {
        int i = raw.item[q];
        if (slot[i] < start[p]) {
          slot[i] = size;
          item[size] = i;
          lastBought[size++] = Long.MIN_VALUE;
        }
        int at = slot[i];
        weight[at] += raw.weight[q];
        if (raw.bought[q]) {
          bought[at] = true;
          orders[at]++;
          lastBought[at] = Math.max(lastBought[at], raw.time[q]);
          units[at] += raw.units[q];
        }
      }
    }
    start[personCount] = size;
    return new PersonHistories(
        personCount,
        start,
        Arrays.copyOf(item, size),
        Arrays.copyOf(weight, size),
        Arrays.copyOf(bought, size),
        Arrays.copyOf(orders, size),
        Arrays.copyOf(lastBought, size),
        Arrays.copyOf(units, size));
  }

  boolean knows(int person) {
    return person >= 0 && person < personCount && start[person + 1] > start[person];
  }

  /** Whether the person bought anything (views alone make a history, not a customer). */
  boolean boughtAnything(int person) {
    if (!knows(person)) {
      return false;
    }
    for (int q = start[person]; q < start[person + 1]; q++) {
      if (bought[q]) {
        return true;
      }
    }
    return false;
  }
}
