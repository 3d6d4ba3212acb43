package dev.kairos.intelligence.rfm;

/**
 * The named RFM cells marketers use, on the grid of the recency score (R) against the combined
 * frequency-monetary score (FM, see {@link RfmScore#frequencyMonetary()}).
 *
 * <pre>
 *          FM=1            FM=2                FM=3                FM=4        FM=5
 *   R=5    New             Potential Loyalist  Potential Loyalist  Champions   Champions
 *   R=4    Promising       Potential Loyalist  Potential Loyalist  Loyal       Loyal
 *   R=3    About to Sleep  About to Sleep      Need Attention      Loyal       Loyal
 *   R=2    Hibernating     Hibernating         At Risk             At Risk     Can't Lose Them
 *   R=1    Lost            Lost                At Risk             At Risk     Can't Lose Them
 * </pre>
 *
 * Every one of the 25 (R, FM) pairs has exactly one cell; docs/rfm-and-lifecycle.md explains each.
 */
public enum RfmCell {
  CHAMPIONS("Champions"),
  LOYAL("Loyal"),
  POTENTIAL_LOYALIST("Potential Loyalist"),
  NEW("New"),
  PROMISING("Promising"),
  NEED_ATTENTION("Need Attention"),
  ABOUT_TO_SLEEP("About to Sleep"),
  AT_RISK("At Risk"),
  CANNOT_LOSE_THEM("Can't Lose Them"),
  HIBERNATING("Hibernating"),
  LOST("Lost");

  /** GRID[r - 1][fm - 1]. */
  private static final RfmCell[][] GRID = {
    {LOST, LOST, AT_RISK, AT_RISK, CANNOT_LOSE_THEM},
    {HIBERNATING, HIBERNATING, AT_RISK, AT_RISK, CANNOT_LOSE_THEM},
    {ABOUT_TO_SLEEP, ABOUT_TO_SLEEP, NEED_ATTENTION, LOYAL, LOYAL},
    {PROMISING, POTENTIAL_LOYALIST, POTENTIAL_LOYALIST, LOYAL, LOYAL},
    {NEW, POTENTIAL_LOYALIST, POTENTIAL_LOYALIST, CHAMPIONS, CHAMPIONS},
  };

  private final String label;

  RfmCell(String label) {
    this.label = label;
  }

  /** The name marketers see, e.g. "Can't Lose Them". */
  public String label() {
    return label;
  }

  /** The cell of a recency score and a combined frequency-monetary score, both 1..5. */
  public static RfmCell of(int recency, int frequencyMonetary) {
    if (recency < 1 || recency > 5 || frequencyMonetary < 1 || frequencyMonetary > 5) {
      throw new IllegalArgumentException(
          "scores must be 1..5, were R=" + recency + " FM=" + frequencyMonetary);
    }
    return GRID[recency - 1][frequencyMonetary - 1];
  }
}
