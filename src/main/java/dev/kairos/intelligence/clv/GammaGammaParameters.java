package dev.kairos.intelligence.clv;

/**
 * Gamma-Gamma parameters: a transaction's value is Gamma({@code p}, ν) for a customer, and ν is
 * Gamma({@code q}, {@code gamma}) across customers.
 */
public record GammaGammaParameters(double p, double q, double gamma) {
  public GammaGammaParameters {
    if (!(p > 0 && q > 0 && gamma > 0) || Double.isInfinite(p + q + gamma)) {
      throw new IllegalArgumentException(
          "Gamma-Gamma parameters must be positive and finite: " + p + ", " + q + ", " + gamma);
    }
  }

  static GammaGammaParameters fromLog(double[] logParameters) {
    return new GammaGammaParameters(
        Math.exp(logParameters[0]), Math.exp(logParameters[1]), Math.exp(logParameters[2]));
  }
}
