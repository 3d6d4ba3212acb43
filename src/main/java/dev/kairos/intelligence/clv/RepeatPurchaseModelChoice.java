package dev.kairos.intelligence.clv;

/** Which repeat-purchase model to fit. */
public enum RepeatPurchaseModelChoice {
  /** BG/NBD: the default; fast (analytic gradient) and as accurate as Pareto/NBD on most data. */
  BGNBD,
  /**
   * Pareto/NBD: the original model; customers may drop out at any time, not only after a purchase.
   */
  PARETO
}
