package dev.kairos.intelligence.rfm;

/**
 * The three RFM scores of a customer, each 1 (worst) to 5 (best).
 *
 * @param recency 5 = bought most recently
 * @param frequency 5 = most orders in the window
 * @param monetary 5 = spent most in the window
 */
public record RfmScore(int recency, int frequency, int monetary) {

  public RfmScore {
    check("recency", recency);
    check("frequency", frequency);
    check("monetary", monetary);
  }

  private static void check(String name, int score) {
    if (score < 1 || score > 5) {
      throw new IllegalArgumentException(name + " score must be 1..5, was " + score);
    }
  }

  /**
   * The combined frequency-monetary score of the R × FM grid: the mean of F and M, rounded half up
   * ({@code (F + M + 1) / 2}), so 1..5.
   */
  public int frequencyMonetary() {
    return (frequency + monetary + 1) / 2;
  }

  /** The named cell of the R × FM grid. */
  public RfmCell cell() {
    return RfmCell.of(recency, frequencyMonetary());
  }

  /** The usual three-digit code, e.g. {@code "545"}. */
  public String code() {
    return "" + recency + frequency + monetary;
  }
}
