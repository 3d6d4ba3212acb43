package dev.kairos.intelligence;

/**
 * One model of the profile recompute (RFM, lifecycle stage, replenishment, send hour, CLV). A step
 * computes from the {@link ShopHistory} and stores its own results.
 */
public interface RecomputeStep {

  /** A short name for summaries and logs, e.g. {@code "rfm"}. */
  String name();

  /** Recomputes the shop-level model (boundaries, thresholds …) and every profile's result. */
  StepOutcome recomputeAll(ShopHistory shop);

  /**
   * Rescores the profiles in {@code changed} against the shop-level model stored by the last full
   * recompute; no other profile is read or written.
   */
  StepOutcome rescore(ShopHistory changed);
}
