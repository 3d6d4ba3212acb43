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
    DenseIndex timeIndex = new DenseIndex(1024);
    DenseIndex frequencyIndex = new DenseIndex(64);
    int[] fi = new int[n];
    int[] ri = new int[n];
    int[] ai = new int[n];
    for (int i = 0; i < n; i++) {
      fi[i] = frequencyIndex.indexOf(x[i]);
      ri[i] = timeIndex.indexOf(Double.doubleToLongBits(recency[i] + 0.0));
      ai[i] = timeIndex.indexOf(Double.doubleToLongBits(age[i] + 0.0));
    }
    long nt = timeIndex.size();
    DenseIndex groupIndex = new DenseIndex(Math.min(n, 1 << 16));
    double[] weights = new double[Math.max(16, Math.min(n, 1 << 16))];
    for (int i = 0; i < n; i++) {
      int g = groupIndex.indexOf((fi[i] * nt + ri[i]) * nt + ai[i]);
      if (g == weights.length) {
        weights = Arrays.copyOf(weights, g * 2);
      }
      weights[g]++;
    }
    long[] groupKeys = groupIndex.keys();
    int groups = groupKeys.length;
    int[] gf = new int[groups];
    int[] gr = new int[groups];
    int[] ga = new int[groups];
    for (int g = 0; g < groups; g++) {
      gf[g] = (int) (groupKeys[g] / (nt * nt));
      gr[g] = (int) ((groupKeys[g] / nt) % nt);
      ga[g] = (int) (groupKeys[g] % nt);
    }
    double[] perFrequency = new double[frequencyIndex.size()];
    for (int g = 0; g < groups; g++) {
      perFrequency[gf[g]] += weights[g];
    }
    long[] timeBits = timeIndex.keys();
    double[] times = new double[timeBits.length];
    for (int t = 0; t < times.length; t++) {
      times[t] = Double.longBitsToDouble(timeBits[t]);
    }
    int[] frequencies = Arrays.stream(frequencyIndex.keys()).mapToInt(k -> (int) k).toArray();
    return new SufficientStatistics(
        times, frequencies, perFrequency, gf, gr, ga, Arrays.copyOf(weights, groups));
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
}
