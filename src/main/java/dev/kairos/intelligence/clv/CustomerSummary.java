package dev.kairos.intelligence.clv;

import java.time.LocalDate;

/**
 * What the models need to know about one customer at the end of the calibration period.
 *
 * @param frequency {@code x}: repeat transactions (purchase days after the first one)
 * @param recency {@code t_x}: time from the first purchase to the last one
 * @param age {@code T}: time from the first purchase to the end of the calibration period
 * @param monetaryValue mean value of the repeat transactions (0 when there are none)
 * @param historicValue total value of all transactions in the calibration period, first included
 */
public record CustomerSummary(
    String customerId,
    int frequency,
    double recency,
    double age,
    double monetaryValue,
    double historicValue,
    LocalDate firstPurchase,
    LocalDate lastPurchase) {

  public CustomerSummary {
    if (frequency < 0 || recency < 0 || age < recency) {
      throw new IllegalArgumentException(
          "need 0 <= recency <= age and frequency >= 0, got x="
              + frequency
              + " t_x="
              + recency
              + " T="
              + age);
    }
  }

  public boolean isRepeatBuyer() {
    return frequency > 0;
  }
}
