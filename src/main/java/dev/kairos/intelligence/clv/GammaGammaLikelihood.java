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
    for (int k = 0; k < data.frequencies.length; k++) {
      int x = data.frequencies[k];
      double w = data.customersPerFrequency[k];
      ll += w * (Gamma.logGamma(p * x + q) - Gamma.logGamma(p * x));
      if (gradient != null) {
        double psiPxq = Gamma.digamma(p * x + q);
        dp += w * x * (psiPxq - Gamma.digamma(p * x));
        dq += w * psiPxq;
      }
    }
    int[] xs = data.frequency;
    double[] ms = data.meanValue;
    for (int i = 0; i < xs.length; i++) {
      double total = gamma + ms[i] * xs[i];
      double lnTotal = Math.log(total);
      double pxq = p * xs[i] + q;
      ll -= pxq * lnTotal;
      if (gradient != null) {
        dp -= xs[i] * lnTotal;
        dq -= lnTotal;
        dGamma -= pxq / total;
      }
    }
    if (gradient != null) {
      gradient[0] = dp * p;
      gradient[1] = dq * q;
      gradient[2] = dGamma * gamma;
    }
    return ll;
  }
}
