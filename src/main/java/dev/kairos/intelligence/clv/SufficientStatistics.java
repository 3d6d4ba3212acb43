package dev.kairos.intelligence.clv;

import java.util.Arrays;
import java.util.List;

/**
 * Customers grouped by identical {@code (x, t_x, T)}: the BG/NBD and Pareto/NBD likelihoods depend
 * on a customer only through that triple, so each distinct triple is evaluated once and weighted by
 * the number of customers sharing it. Times are also de-duplicated, so that {@code log(alpha + t)}
 * is computed once per distinct time rather than once per customer.
 */
public final class SufficientStatistics {
  final double[] times;
  final int[] frequencies;
  final double[] customersPerFrequency;
  final int[] groupFrequency;
  final int[] groupRecency;
  final int[] groupAge;
  final double[] groupWeight;
  final double customers;
  final double repeatBuyers;

  private SufficientStatistics(
      double[] times,
      int[] frequencies,
      double[] customersPerFrequency,
      int[] groupFrequency,
      int[] groupRecency,
      int[] groupAge,
      double[] groupWeight) {
    this.times = times;
    this.frequencies = frequencies;
    this.customersPerFrequency = customersPerFrequency;
    this.groupFrequency = groupFrequency;
    this.groupRecency = groupRecency;
    this.groupAge = groupAge;
    this.groupWeight = groupWeight;
    double total = 0;
    double repeat = 0;
    for (int i = 0; i < frequencies.length; i++) {
      total += customersPerFrequency[i];
      repeat += frequencies[i] > 0 ? customersPerFrequency[i] : 0;
    }
    this.customers = total;
    this.repeatBuyers = repeat;
  }

  public static SufficientStatistics of(List<CustomerSummary> customers) {
    int n = customers.size();
    int[] x = new int[n];
    double[] recency = new double[n];
    double[] age = new double[n];
    for (int i = 0; i < n; i++) {
      CustomerSummary c = customers.get(i);
      x[i] = c.frequency();
      recency[i] = c.recency();
      age[i] = c.age();
    }
    return of(x, recency, age);
  }

  /** Groups customers given as parallel arrays of frequency, recency and age. */
  public static SufficientStatistics of(int[] x, double[] recency, double[] age) {
    int n = x.length;
    if (recency.length != n || age.length != n) {
      throw new IllegalArgumentException("x, recency and age must have the same length");
    }
    for (int i = 0; i < n; i++) {
      if (x[i] < 0 || !(recency[i] >= 0) || !(age[i] >= recency[i]) || Double.isInfinite(age[i])) {
        throw new IllegalArgumentException(
            "customer " + i + ": need x >= 0 and 0 <= t_x <= T < infinity");
      }
    }
    double[] times = distinct(concat(recency, age));
    int[] frequencies = distinct(x);
    long nt = times.length;
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      long fi = Arrays.binarySearch(frequencies, x[i]);
      long ri = Arrays.binarySearch(times, recency[i]);
      long ai = Arrays.binarySearch(times, age[i]);
      keys[i] = (fi * nt + ri) * nt + ai;
    }
    Arrays.parallelSort(keys);
    int groups = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0 || keys[i] != keys[i - 1]) {
        groups++;
      }
    }
    int[] gf = new int[groups];
    int[] gr = new int[groups];
    int[] ga = new int[groups];
    double[] gw = new double[groups];
    double[] perFrequency = new double[frequencies.length];
    int g = -1;
    for (int i = 0; i < n; i++) {
      if (i == 0 || keys[i] != keys[i - 1]) {
        g++;
        gf[g] = (int) (keys[i] / (nt * nt));
        gr[g] = (int) ((keys[i] / nt) % nt);
        ga[g] = (int) (keys[i] % nt);
      }
      gw[g]++;
      perFrequency[gf[g]]++;
    }
    return new SufficientStatistics(times, frequencies, perFrequency, gf, gr, ga, gw);
  }

  /** Number of customers. */
  public double customers() {
    return customers;
  }

  /** Number of customers with at least one repeat transaction. */
  public double repeatBuyers() {
    return repeatBuyers;
  }

  /** Number of distinct {@code (x, t_x, T)} triples. */
  public int groups() {
    return groupWeight.length;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static double[] distinct(double[] values) {
    double[] sorted = values.clone();
    Arrays.parallelSort(sorted);
    int k = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[k - 1]) {
        sorted[k++] = sorted[i];
      }
    }
    return Arrays.copyOf(sorted, k);
  }

  private static int[] distinct(int[] values) {
    return Arrays.stream(values).distinct().sorted().toArray();
  }
}
