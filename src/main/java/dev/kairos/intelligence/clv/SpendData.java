package dev.kairos.intelligence.clv;

import java.util.Arrays;
import java.util.List;

/**
 * What the Gamma-Gamma model learns from: the repeat buyers' frequency {@code x} and mean repeat
 * transaction value {@code m}. Customers without a repeat transaction, or whose mean is not
 * positive (refunds), tell the model nothing and are left out.
 */
public final class SpendData {
  final int[] frequency;
  final double[] meanValue;
  final int[] frequencies;
  final double[] customersPerFrequency;

  /** Σ x ln m, Σ ln m and Σ x ln x, constant across likelihood evaluations. */
  final double sumXLogM;

  final double sumLogM;
  final double sumXLogX;

  public SpendData(int[] frequency, double[] meanValue) {
    if (frequency.length != meanValue.length) {
      throw new IllegalArgumentException("frequency and meanValue must have the same length");
    }
    int n = 0;
    for (int i = 0; i < frequency.length; i++) {
      if (frequency[i] > 0 && meanValue[i] > 0 && Double.isFinite(meanValue[i])) {
        n++;
      }
    }
    this.frequency = new int[n];
    this.meanValue = new double[n];
    int k = 0;
    double xLogM = 0;
    double logM = 0;
    double xLogX = 0;
    for (int i = 0; i < frequency.length; i++) {
      if (frequency[i] > 0 && meanValue[i] > 0 && Double.isFinite(meanValue[i])) {
        this.frequency[k] = frequency[i];
        this.meanValue[k] = meanValue[i];
        xLogM += frequency[i] * Math.log(meanValue[i]);
        logM += Math.log(meanValue[i]);
        xLogX += frequency[i] * Math.log(frequency[i]);
        k++;
      }
    }
    this.sumXLogM = xLogM;
    this.sumLogM = logM;
    this.sumXLogX = xLogX;
    this.frequencies = Arrays.stream(this.frequency).distinct().sorted().toArray();
    this.customersPerFrequency = new double[frequencies.length];
    for (int x : this.frequency) {
      customersPerFrequency[Arrays.binarySearch(frequencies, x)]++;
    }
  }

  public static SpendData of(List<CustomerSummary> customers) {
    int[] x = new int[customers.size()];
    double[] m = new double[customers.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = customers.get(i).frequency();
      m[i] = customers.get(i).monetaryValue();
    }
    return new SpendData(x, m);
  }

  /** Number of repeat buyers with a positive mean value. */
  public int customers() {
    return frequency.length;
  }
}
