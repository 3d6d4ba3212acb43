package dev.kairos.intelligence.clv;

/** A fitted Gamma-Gamma spend model. */
public record GammaGammaModel(GammaGammaParameters estimates, double logLikelihood) {

  /**
   * E[M | x, m] = (p (γ + m x)) / (p x + q − 1): a weighted average of the population mean {@code
   * pγ/(q−1)} and the customer's own mean {@code m}, the weight on {@code m} growing with {@code
   * x}. For a customer without repeat transactions it is the population mean. Infinite when {@code
   * q ≤ 1} and {@code x = 0} (the population mean does not exist).
   */
  public double expectedAverageSpend(int x, double meanValue) {
    double p = estimates.p();
    double q = estimates.q();
    double m = x > 0 ? meanValue : 0;
    double denominator = p * x + q - 1;
    return denominator > 0
        ? p * (estimates.gamma() + m * x) / denominator
        : Double.POSITIVE_INFINITY;
  }

  /** The population mean transaction value pγ/(q−1). */
  public double populationMeanSpend() {
    return expectedAverageSpend(0, 0);
  }
}
