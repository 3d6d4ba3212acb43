package dev.kairos.intelligence.recommend;

import java.time.Duration;
import java.util.Arrays;

/**
 * How long customers take to buy each product again, learnt from the baskets by the replenishment
 * rule ({@code dev.kairos.intelligence.replenishment.ReplenishmentIntervals}): per customer and
 * product, orders closer than {@code minimumGap} to the previous occasion join it; a customer with
 * two or more occasions votes with the median of their gaps; the product's interval is the median
 * of the votes when at least {@code minimumRepeatBuyers} voted. Products without enough repeat
 * buyers get the median interval of all products that have one (the shop's typical reorder rhythm).
 */
final class RepurchaseIntervals {
  /** Interval in seconds per product; the shop's typical interval where the product has none. */
  final double[] seconds;

  /** Whether the product's own repeat buyers gave its interval. */
  final boolean[] own;

  /**
   * Share of the product's customers who bought it on two or more occasions, smoothed: (repeat
   * buyers + 1) / (buyers + 2).
   */
  final double[] repeatRate;

  private RepurchaseIntervals(double[] seconds, boolean[] own, double[] repeatRate) {
    this.seconds = seconds;
    this.own = own;
    this.repeatRate = repeatRate;
  }

  static RepurchaseIntervals learn(
      ItemSets baskets, int personCount, int itemCount, Duration minimumGap, int minimumBuyers) {
    int[] start = new int[personCount + 1];
    for (int s = 0; s < baskets.count; s++) {
      if (baskets.person[s] >= 0) {
        start[baskets.person[s] + 1] += baskets.size(s);
      }
    }
    for (int p = 0; p < personCount; p++) {
      start[p + 1] += start[p];
    }
    long origin = Long.MAX_VALUE;
    for (int s = 0; s < baskets.count; s++) {
      origin = Math.min(origin, baskets.time[s]);
    }
    long[] itemMinute = new long[start[personCount]];
    int[] fill = Arrays.copyOf(start, personCount);
    for (int s = 0; s < baskets.count; s++) {
      int p = baskets.person[s];
      for (int q = baskets.start[s]; p >= 0 && q < baskets.start[s + 1]; q++) {
        itemMinute[fill[p]++] = ((long) baskets.items[q] << 32) | ((baskets.time[s] - origin) / 60);
      }
    }
    long[] votes = new long[itemMinute.length];
    int voteCount = 0;
    long gapMinutes = minimumGap.toMinutes();
    long[] gaps = new long[16];
    int[] buyers = new int[itemCount];
    int[] repeaters = new int[itemCount];
    for (int p = 0; p < personCount; p++) {
      Arrays.sort(itemMinute, start[p], start[p + 1]);
      int q = start[p];
      while (q < start[p + 1]) {
        int item = (int) (itemMinute[q] >>> 32);
        long occasion = itemMinute[q] & 0xffffffffL;
        int gapCount = 0;
        for (q++; q < start[p + 1] && (int) (itemMinute[q] >>> 32) == item; q++) {
          long minute = itemMinute[q] & 0xffffffffL;
          if (minute - occasion >= gapMinutes) {
            if (gapCount == gaps.length) {
              gaps = Arrays.copyOf(gaps, gapCount * 2);
            }
            gaps[gapCount++] = minute - occasion;
            occasion = minute;
          }
        }
        buyers[item]++;
        if (gapCount > 0) {
          repeaters[item]++;
          Arrays.sort(gaps, 0, gapCount);
          votes[voteCount++] = ((long) item << 32) | Math.round(median(gaps, 0, gapCount));
        }
      }
    }
    double[] repeatRate = new double[itemCount];
    for (int i = 0; i < itemCount; i++) {
      repeatRate[i] = (repeaters[i] + 1.0) / (buyers[i] + 2.0);
    }
    return fromVotes(votes, voteCount, itemCount, minimumBuyers, repeatRate);
  }

  private static RepurchaseIntervals fromVotes(
      long[] votes, int voteCount, int itemCount, int minimumBuyers, double[] repeatRate) {
    Arrays.sort(votes, 0, voteCount);
    long[] minutes = new long[voteCount];
    double[] seconds = new double[itemCount];
    boolean[] own = new boolean[itemCount];
    double[] known = new double[itemCount];
    int knownCount = 0;
    int v = 0;
    while (v < voteCount) {
      int item = (int) (votes[v] >>> 32);
      int n = 0;
      for (; v < voteCount && (int) (votes[v] >>> 32) == item; v++) {
        minutes[n++] = votes[v] & 0xffffffffL;
      }
      if (n >= minimumBuyers) {
        own[item] = true;
        seconds[item] = median(minutes, 0, n) * 60;
        known[knownCount++] = seconds[item];
      }
    }
    Arrays.sort(known, 0, knownCount);
    double typical =
        knownCount == 0 ? Duration.ofDays(30).toSeconds() : known[(knownCount - 1) / 2];
    for (int i = 0; i < itemCount; i++) {
      if (!own[i]) {
        seconds[i] = typical;
      }
    }
    return new RepurchaseIntervals(seconds, own, repeatRate);
  }

  /** The median of sorted values {@code from..to}; the mean of the two middle ones when even. */
  private static double median(long[] sorted, int from, int to) {
    int n = to - from;
    int mid = from + n / 2;
    return n % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
  }
}
