package dev.kairos.intelligence.clv;

import org.hipparchus.special.Gamma;

/**
 * The Gamma-Gamma log-likelihood of the repeat buyers' mean transaction values (Fader &amp; Hardie,
 * "The Gamma-Gamma Model of Monetary Value", 2013, eq. 3), with its analytic gradient with respect
 * to {@code (ln p, ln q, ln γ)}. Per customer with {@code x} repeat transactions of mean {@code m}:
 *
 * <pre>
 * ln f = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + (px−1) ln m + px ln x − (px+q) ln(γ + m x)
 * </pre>
 *
 * The Γ terms are computed once per distinct {@code x}, the sums of {@code ln m} once per data set,
 * leaving one logarithm per customer and evaluation.
 */
public final class GammaGammaLikelihood {
  private final SpendData data;

  public GammaGammaLikelihood(SpendData data) {
    this.data = data;
  }

  public double logLikelihood(GammaGammaParameters parameters) {
    return evaluate(parameters, null);
  }

  public double evaluate(GammaGammaParameters parameters, double[] gradient) {
    return evaluate(parameters, gradient, null);
  }

  /**
   * Log-likelihood, and (when the arrays are not null) its gradient and Hessian with respect to
   * {@code (ln p, ln q, ln γ)}. The Hessian is analytic (trigamma per distinct {@code x}, three
   * sums per customer), so a Newton step costs one pass over the customers.
   */
  public double evaluate(GammaGammaParameters parameters, double[] gradient, double[][] hessian) {
    double p = parameters.p();
    double q = parameters.q();
    double gamma = parameters.gamma();
    double n = data.customers();
    double lgQ = Gamma.logGamma(q);
    double psiQ = Gamma.digamma(q);
    double ll =
        n * (q * Math.log(gamma) - lgQ) + p * data.sumXLogM - data.sumLogM + p * data.sumXLogX;
    double dp = data.sumXLogM + data.sumXLogX;
    double dq = n * (Math.log(gamma) - psiQ);
    double dGamma = n * q / gamma;
    double hpp = 0;
    double hpq = 0;
    double hqq = hessian == null ? 0 : -n * Gamma.trigamma(q);
    for (int k = 0; k < data.frequencies.length; k++) {
      int x = data.frequencies[k];
      double w = data.customersPerFrequency[k];
      ll += w * (Gamma.logGamma(p * x + q) - Gamma.logGamma(p * x));
      if (gradient != null || hessian != null) {
        double psiPxq = Gamma.digamma(p * x + q);
        dp += w * x * (psiPxq - Gamma.digamma(p * x));
        dq += w * psiPxq;
      }
      if (hessian != null) {
        double triPxq = Gamma.trigamma(p * x + q);
        hpp += w * x * x * (triPxq - Gamma.trigamma(p * x));
        hpq += w * x * triPxq;
        hqq += w * triPxq;
      }
    }
    int[] xs = data.frequency;
    double[] ms = data.meanValue;
    double sumXOverTotal = 0;
    double sumOneOverTotal = 0;
    double sumWeightOverTotal2 = 0;
    for (int i = 0; i < xs.length; i++) {
      double total = gamma + ms[i] * xs[i];
      double lnTotal = Math.log(total);
      double pxq = p * xs[i] + q;
      ll -= pxq * lnTotal;
      if (gradient != null || hessian != null) {
        double inverse = 1 / total;
        dp -= xs[i] * lnTotal;
        dq -= lnTotal;
        dGamma -= pxq * inverse;
        sumXOverTotal += xs[i] * inverse;
        sumOneOverTotal += inverse;
        sumWeightOverTotal2 += pxq * inverse * inverse;
      }
    }
    if (gradient != null) {
      gradient[0] = dp * p;
      gradient[1] = dq * q;
      gradient[2] = dGamma * gamma;
    }
    if (hessian != null) {
      double hpg = -sumXOverTotal;
      double hqg = n / gamma - sumOneOverTotal;
      double hgg = -n * q / (gamma * gamma) + sumWeightOverTotal2;
      double[] v = {p, q, gamma};
      double[] d = {dp, dq, dGamma};
      double[][] raw = {{hpp, hpq, hpg}, {hpq, hqq, hqg}, {hpg, hqg, hgg}};
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          hessian[i][j] = v[i] * v[j] * raw[i][j] + (i == j ? v[i] * d[i] : 0);
        }
      }
    }
    return ll;
  }
}
