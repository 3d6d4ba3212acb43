package dev.kairos.intelligence.clv;

import org.hipparchus.special.Gamma;

/**
 * The Pareto/NBD log-likelihood (Schmittlein, Morrison &amp; Colombo 1987, in the form of Fader
 * &amp; Hardie's 2005 note "A Note on Deriving the Pareto/NBD Model and Related Expressions"):
 *
 * <pre>
 * ln L = lnΓ(r+x) − lnΓ(r) + r ln α + s ln β
 *      + logsumexp( −(r+x) ln(α+T) − s ln(β+T),  ln s − ln(r+s+x) + ln A0 )
 * </pre>
 *
 * with, for α ≥ β (otherwise swap α and β and use r+x for s+1),
 *
 * <pre>
 * A0 = 2F1(r+s+x, s+1; r+s+x+1; (α−β)/(α+t_x)) / (α+t_x)^(r+s+x)
 *    − 2F1(r+s+x, s+1; r+s+x+1; (α−β)/(α+T))   / (α+T)^(r+s+x)
 * </pre>
 *
 * The difference is taken in log space, ln A0 = u1 + ln(−expm1(u2 − u1)), so that neither the
 * powers nor the subtraction overflow or lose all digits.
 */
public final class ParetoNbdLikelihood {
  private final SufficientStatistics data;

  public ParetoNbdLikelihood(SufficientStatistics data) {
    this.data = data;
  }

  public double logLikelihood(ParetoNbdParameters p) {
    double r = p.r();
    double alpha = p.alpha();
    double s = p.s();
    double beta = p.beta();
    int[] xs = data.frequencies;
    double lgR = Gamma.logGamma(r);
    double ll = 0;
    for (int k = 0; k < xs.length; k++) {
      ll +=
          data.customersPerFrequency[k]
              * (Gamma.logGamma(r + xs[k]) - lgR + r * Math.log(alpha) + s * Math.log(beta));
    }
    double lnS = Math.log(s);
    for (int g = 0; g < data.groupWeight.length; g++) {
      int x = xs[data.groupFrequency[g]];
      double recency = data.times[data.groupRecency[g]];
      double age = data.times[data.groupAge[g]];
      double first = -(r + x) * Math.log(alpha + age) - s * Math.log(beta + age);
      double second = lnS - Math.log(r + s + x) + logA0(p, x, recency, age);
      ll += data.groupWeight[g] * logSumExp(first, second);
    }
    return ll;
  }

  /** ln A0 for one customer; negative infinity when t_x = T (then A0 = 0). */
  static double logA0(ParetoNbdParameters p, int x, double recency, double age) {
    double r = p.r();
    double s = p.s();
    boolean alphaAtLeastBeta = p.alpha() >= p.beta();
    double larger = alphaAtLeastBeta ? p.alpha() : p.beta();
    double difference = Math.abs(p.alpha() - p.beta());
    double second = alphaAtLeastBeta ? s + 1 : r + x;
    double rsx = r + s + x;
    double u1 =
        Hypergeometric.logHyp2f1(rsx, second, rsx + 1, difference / (larger + recency))
            - rsx * Math.log(larger + recency);
    double u2 =
        Hypergeometric.logHyp2f1(rsx, second, rsx + 1, difference / (larger + age))
            - rsx * Math.log(larger + age);
    if (!(u1 > u2)) {
      return Double.NEGATIVE_INFINITY;
    }
    return u1 + Math.log(-Math.expm1(u2 - u1));
  }

  static double logSumExp(double u, double v) {
    if (u == Double.NEGATIVE_INFINITY) {
      return v;
    }
    if (v == Double.NEGATIVE_INFINITY) {
      return u;
    }
    return Math.max(u, v) + Math.log1p(Math.exp(-Math.abs(u - v)));
  }
}
