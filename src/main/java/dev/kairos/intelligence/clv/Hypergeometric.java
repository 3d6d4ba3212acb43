package dev.kairos.intelligence.clv;

/** The Gauss hypergeometric function 2F1(a, b; c; z) for 0 &lt;= z &lt; 1, by its power series. */
final class Hypergeometric {
  private static final int MAX_TERMS = 200_000;
  private static final double EPSILON = 1e-15;

  private Hypergeometric() {}

  /**
   * 2F1(a, b; c; z) = Σ (a)_k (b)_k / ((c)_k k!) z^k. When the plain series overflows (large {@code
   * a}, {@code b} near z = 1) Euler's transformation (1−z)^(c−a−b) 2F1(c−a, c−b; c; z) is used.
   * Returns NaN when the series does not converge.
   */
  static double hyp2f1(double a, double b, double c, double z) {
    if (!(z >= 0 && z < 1)) {
      throw new IllegalArgumentException("2F1 is implemented for 0 <= z < 1, got " + z);
    }
    double value = series(a, b, c, z);
    if (Double.isFinite(value)) {
      return value;
    }
    double euler = series(c - a, c - b, c, z);
    return euler * Math.pow(1 - z, c - a - b);
  }

  /** ln 2F1(a, b; c; z), for parameters where the function is positive. */
  static double logHyp2f1(double a, double b, double c, double z) {
    double value = series(a, b, c, z);
    if (Double.isFinite(value) && value > 0) {
      return Math.log(value);
    }
    return Math.log(series(c - a, c - b, c, z)) + (c - a - b) * Math.log1p(-z);
  }

  private static double series(double a, double b, double c, double z) {
    double term = 1;
    double sum = 1;
    for (int k = 0; k < MAX_TERMS; k++) {
      double ratio = (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
      term *= ratio;
      sum += term;
      if (!Double.isFinite(sum) || term == 0) {
        return sum;
      }
      double q = Math.max(Math.abs(ratio), z);
      if (q < 1 && Math.abs(term) * q / (1 - q) <= EPSILON * Math.abs(sum)) {
        return sum;
      }
    }
    return Double.NaN;
  }
}
