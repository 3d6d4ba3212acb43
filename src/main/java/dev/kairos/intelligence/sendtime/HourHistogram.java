package dev.kairos.intelligence.sendtime;

import java.time.Instant;

/** Weighted engagement counts per local hour 0..23. */
final class HourHistogram {
  static final int HOURS = 24;

  private HourHistogram() {}

  /**
   * A person's weighted engagements per local hour within {@code [now - lookback, now]}, spread
   * over neighbouring hours with the circular kernel ¼, ½, ¼ (someone who opens at 9:55 and at
   * 10:05 has one habit, not two).
   */
  static double[] of(PersonEngagement person, Instant now, SendHourSettings settings) {
    Instant since = now.minus(settings.lookback());
    double[] counts = new double[HOURS];
    for (Engagement e : person.engagements()) {
      if (e.at().isBefore(since) || e.at().isAfter(now)) {
        continue;
      }
      counts[e.at().atZone(person.zone()).getHour()] += settings.weight(e.kind());
    }
    return smooth(counts);
  }

  static double[] smooth(double[] counts) {
    double[] smoothed = new double[HOURS];
    for (int h = 0; h < HOURS; h++) {
      smoothed[h] =
          0.5 * counts[h] + 0.25 * counts[(h + HOURS - 1) % HOURS] + 0.25 * counts[(h + 1) % HOURS];
    }
    return smoothed;
  }

  static double total(double[] counts) {
    double total = 0;
    for (double c : counts) {
      total += c;
    }
    return total;
  }

  /** The hour with the largest value; the earliest such hour on a tie. */
  static int peak(double[] values) {
    int best = 0;
    for (int h = 1; h < HOURS; h++) {
      if (values[h] > values[best]) {
        best = h;
      }
    }
    return best;
  }
}
