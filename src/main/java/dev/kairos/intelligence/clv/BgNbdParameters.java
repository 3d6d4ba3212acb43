package dev.kairos.intelligence.clv;

/**
 * BG/NBD parameters: purchase rates are Gamma({@code r}, {@code alpha}) across customers, dropout
 * probabilities after each purchase are Beta({@code a}, {@code b}). {@code alpha} is in the time
 * unit of the data.
 */
public record BgNbdParameters(double r, double alpha, double a, double b) {
  public BgNbdParameters {
    if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || Double.isInfinite(r + alpha + a + b)) {
      throw new IllegalArgumentException(
          "BG/NBD parameters must be positive and finite: "
              + r
              + ", "
              + alpha
              + ", "
              + a
              + ", "
              + b);
    }
  }

  static BgNbdParameters fromLog(double[] logParameters) {
    return new BgNbdParameters(
        Math.exp(logParameters[0]),
        Math.exp(logParameters[1]),
        Math.exp(logParameters[2]),
        Math.exp(logParameters[3]));
  }

  double[] toLog() {
    return new double[] {Math.log(r), Math.log(alpha), Math.log(a), Math.log(b)};
  }
}
