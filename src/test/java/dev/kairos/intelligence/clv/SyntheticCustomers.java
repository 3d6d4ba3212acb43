package dev.kairos.intelligence.clv;

import org.hipparchus.random.RandomDataGenerator;

/**
 * Customers drawn from the BG/NBD purchase process and the Gamma-Gamma spend process with known
 * parameters: a 12-week acquisition cohort (first purchases on whole days), a 39-week calibration
 * period, the last purchase time rounded to the nearest day as real data would record it, time in
 * weeks. Rounding to days is what lets many customers share the same {@code (x, t_x, T)}.
 */
public record SyntheticCustomers(int[] x, double[] recency, double[] age, double[] meanValue) {

  private static final int COHORT_DAYS = 84;
  private static final int CALIBRATION_DAYS = 273;

  public static SyntheticCustomers draw(
      int count, BgNbdParameters purchases, GammaGammaParameters spend, long seed) {
    RandomDataGenerator random = new RandomDataGenerator(seed);
    int[] x = new int[count];
    double[] recency = new double[count];
    double[] age = new double[count];
    double[] meanValue = new double[count];
    for (int i = 0; i < count; i++) {
      int birthDay = random.nextInt(0, COHORT_DAYS - 1);
      int ageDays = CALIBRATION_DAYS - birthDay;
      double rate = random.nextGamma(purchases.r(), 1 / purchases.alpha()); // per week
      double dropout = random.nextBeta(purchases.a(), purchases.b());
      double ageWeeks = ageDays / 7.0;
      double time = 0; // weeks since the first purchase
      double last = 0;
      int repeats = 0;
      while (true) {
        time += random.nextExponential(1 / rate);
        if (time > ageWeeks) {
          break;
        }
        repeats++;
        last = time;
        if (random.nextDouble() < dropout) {
          break;
        }
      }
      x[i] = repeats;
      recency[i] = Math.min(Math.round(last * 7), ageDays) / 7.0;
      age[i] = ageDays / 7.0;
      if (repeats > 0) {
        double nu = random.nextGamma(spend.q(), 1 / spend.gamma());
        meanValue[i] = random.nextGamma(spend.p() * repeats, 1 / (nu * repeats));
      }
    }
    return new SyntheticCustomers(x, recency, age, meanValue);
  }
}
