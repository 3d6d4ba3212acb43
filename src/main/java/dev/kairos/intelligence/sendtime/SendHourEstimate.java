package dev.kairos.intelligence.sendtime;

/** A person's best send hour, local to their time zone, and where it came from. */
public sealed interface SendHourEstimate {

  /** The local hour 0..23 to send in. */
  int hour();

  /**
   * Learnt from the person's own engagement, blended with the shop's.
   *
   * @param evidence the person's total engagement weight in the lookback
   */
  record Personal(int hour, double evidence) implements SendHourEstimate {}

  /**
   * The shop-wide hour, because the person has too little engagement of their own.
   *
   * @param evidence the person's total engagement weight in the lookback (below the minimum)
   */
  record ShopWide(int hour, double evidence) implements SendHourEstimate {}
}
