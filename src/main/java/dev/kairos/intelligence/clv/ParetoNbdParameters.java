package dev.kairos.intelligence.clv;

/**
 * Pareto/NBD parameters: purchase rates are Gamma({@code r}, {@code alpha}), dropout rates are
 * Gamma({@code s}, {@code beta}) across customers; {@code alpha} and {@code beta} are in the time
 * unit of the data.
 */
public record ParetoNbdParameters(double r, double alpha, double s, double beta) {
  public ParetoNbdParameters {
    if (!(r > 0 && alpha > 0 && s > 0 && beta > 0) || Double.isInfinite(r + alpha + s + beta)) {
      throw new IllegalArgumentException(
          "Pareto/NBD parameters must be positive and finite: "
              + r
              + ", "
              + alpha
              + ", "
              + s
              + ", "
              + beta);
    }
  }

  static ParetoNbdParameters fromLog(double[] logParameters) {
    return new ParetoNbdParameters(
        Math.exp(logParameters[0]),
        Math.exp(logParameters[1]),
        Math.exp(logParameters[2]),
        Math.exp(logParameters[3]));
  }
}
