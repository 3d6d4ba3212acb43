package dev.kairos.intelligence.sendtime;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;

/**
 * The shop-wide share of engagement per local hour (each person's engagements read in their own
 * time zone). Every person with engagement counts once: their smoothed histogram is normalised
 * before it is added, so a few very active people (or a mail proxy that "opens" everything) do not
 * set the hour for everyone.
 */
public final class ShopHourDistribution {
  private final double[] shares;
  private final int peakHour;
  private final int people;

  private ShopHourDistribution(double[] shares, int peakHour, int people) {
    this.shares = shares;
    this.peakHour = peakHour;
    this.people = people;
  }

  /** The distribution of a shop's people; uniform with {@code defaultHour} as peak when empty. */
  public static ShopHourDistribution of(
      Collection<PersonEngagement> people, Instant now, SendHourSettings settings) {
    double[] sum = new double[HourHistogram.HOURS];
    int counted = 0;
    for (PersonEngagement person : people) {
      double[] own = HourHistogram.of(person, now, settings);
      double total = HourHistogram.total(own);
      if (total > 0) {
        counted++;
        for (int h = 0; h < sum.length; h++) {
          sum[h] += own[h] / total;
        }
      }
    }
    if (counted == 0) {
      return uniform(settings.defaultHour());
    }
    for (int h = 0; h < sum.length; h++) {
      sum[h] /= counted;
    }
    return new ShopHourDistribution(sum, HourHistogram.peak(sum), counted);
  }

  /** A distribution loaded back from storage: 24 non-negative shares summing to 1. */
  public static ShopHourDistribution restore(double[] shares, int peakHour, int people) {
    if (shares.length != HourHistogram.HOURS) {
      throw new IllegalArgumentException("need 24 shares, got " + shares.length);
    }
    double total = 0;
    for (double share : shares) {
      if (!(share >= 0)) {
        throw new IllegalArgumentException("shares must not be negative");
      }
      total += share;
    }
    if (Math.abs(total - 1) > 1e-6) {
      throw new IllegalArgumentException("shares must sum to 1, sum to " + total);
    }
    if (peakHour < 0 || peakHour > 23) {
      throw new IllegalArgumentException("hour must be 0..23, was " + peakHour);
    }
    return new ShopHourDistribution(shares.clone(), peakHour, people);
  }

  /** No knowledge: every hour equally likely, {@code peakHour} as the fallback send hour. */
  public static ShopHourDistribution uniform(int peakHour) {
    if (peakHour < 0 || peakHour > 23) {
      throw new IllegalArgumentException("hour must be 0..23, was " + peakHour);
    }
    double[] shares = new double[HourHistogram.HOURS];
    Arrays.fill(shares, 1.0 / HourHistogram.HOURS);
    return new ShopHourDistribution(shares, peakHour, 0);
  }

  /** The share of engagement in a local hour 0..23; the shares sum to 1. */
  public double share(int hour) {
    return shares[hour];
  }

  /** The shop-wide best hour: the fallback for people with too little history. */
  public int peakHour() {
    return peakHour;
  }

  /** How many people the distribution was learnt from. */
  public int people() {
    return people;
  }

  /** The 24 shares, for storage. */
  public double[] shares() {
    return shares.clone();
  }
}
