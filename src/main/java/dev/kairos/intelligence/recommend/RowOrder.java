package dev.kairos.intelligence.recommend;

import java.util.Arrays;

/** Orders log rows by an int key and, within a key, by time, without boxing. */
final class RowOrder {
  private RowOrder() {}

  /**
   * Sorts {@code rows} by time (stable on row order), then groups them by {@code keys[i]} (the key
   * of {@code rows[i]}, in 0..keyCount-1) with a stable counting sort: the result lists the rows of
   * key 0 in time order, then key 1, and so on.
   */
  static int[] byKeyThenTime(InteractionLog log, int[] rows, int[] keys, int keyCount) {
    int n = rows.length;
    int[] positionOf = byTime(log, n, rows);
    int[] keyOfTimeOrdered = new int[n];
    for (int i = 0; i < n; i++) {
      keyOfTimeOrdered[i] = keys[positionOf[i]];
    }
    int[] start = new int[keyCount + 1];
    for (int i = 0; i < n; i++) {
      start[keyOfTimeOrdered[i] + 1]++;
    }
    for (int k = 0; k < keyCount; k++) {
      start[k + 1] += start[k];
    }
    int[] result = new int[n];
    for (int i = 0; i < n; i++) {
      result[start[keyOfTimeOrdered[i]]++] = rows[positionOf[i]];
    }
    return result;
  }

  /** Positions 0..n-1 of {@code rows} ordered by the rows' time, ties by position. */
  private static int[] byTime(InteractionLog log, int n, int[] rows) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int row : rows) {
      min = Math.min(min, log.epochSecond(row));
      max = Math.max(max, log.epochSecond(row));
    }
    int[] positions = new int[n];
    if (n == 0) {
      return positions;
    }
    if (max - min < (1L << 31)) {
      long[] packed = new long[n];
      for (int i = 0; i < n; i++) {
        packed[i] = ((log.epochSecond(rows[i]) - min) << 32) | i;
      }
      Arrays.sort(packed);
      for (int i = 0; i < n; i++) {
        positions[i] = (int) packed[i];
      }
      return positions;
    }
    Integer[] boxed = new Integer[n];
    for (int i = 0; i < n; i++) {
      boxed[i] = i;
    }
    Arrays.sort(boxed, (a, b) -> Long.compare(log.epochSecond(rows[a]), log.epochSecond(rows[b])));
    for (int i = 0; i < n; i++) {
      positions[i] = boxed[i];
    }
    return positions;
  }
}
