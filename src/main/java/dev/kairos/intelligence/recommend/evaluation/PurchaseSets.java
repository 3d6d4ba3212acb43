package dev.kairos.intelligence.recommend.evaluation;

import dev.kairos.intelligence.recommend.InteractionLog;
import java.util.Arrays;

/**
 * For each identified person, the distinct products purchased in a time window, as sorted int rows
 * (compressed: products of person p are {@code product[start[p] .. start[p+1])}).
 */
final class PurchaseSets {
  private final int[] start;
  private final int[] product;

  private PurchaseSets(int[] start, int[] product) {
    this.start = start;
    this.product = product;
  }

  /** Purchases with {@code from <= time < to}. */
  static PurchaseSets of(InteractionLog log, long from, long to) {
    long[] pairs = new long[log.size()];
    int n = 0;
    for (int row = 0; row < log.size(); row++) {
      long t = log.epochSecond(row);
      if (!log.isView(row) && log.person(row) >= 0 && t >= from && t < to) {
        pairs[n++] = ((long) log.person(row) << 32) | log.product(row);
      }
    }
    long[] sorted = Arrays.copyOf(pairs, n);
    Arrays.sort(sorted);
    int persons = log.persons().size();
    int[] start = new int[persons + 1];
    int[] product = new int[n];
    int size = 0;
    for (int i = 0; i < n; i++) {
      if (i > 0 && sorted[i] == sorted[i - 1]) {
        continue;
      }
      start[(int) (sorted[i] >>> 32) + 1]++;
      product[size++] = (int) sorted[i];
    }
    for (int p = 0; p < persons; p++) {
      start[p + 1] += start[p];
    }
    return new PurchaseSets(start, Arrays.copyOf(product, size));
  }

  int count(int person) {
    return start[person + 1] - start[person];
  }

  boolean contains(int person, int item) {
    return Arrays.binarySearch(product, start[person], start[person + 1], item) >= 0;
  }

  int countNotIn(int person, PurchaseSets other) {
    int n = 0;
    for (int q = start[person]; q < start[person + 1]; q++) {
      if (!other.contains(person, product[q])) {
        n++;
      }
    }
    return n;
  }

  int[] personsWithPurchases() {
    int n = 0;
    for (int p = 0; p + 1 < start.length; p++) {
      if (count(p) > 0) {
        n++;
      }
    }
    int[] persons = new int[n];
    int i = 0;
    for (int p = 0; p + 1 < start.length; p++) {
      if (count(p) > 0) {
        persons[i++] = p;
      }
    }
    return persons;
  }
}
