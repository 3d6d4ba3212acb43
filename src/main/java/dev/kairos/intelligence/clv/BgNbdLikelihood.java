package dev.kairos.intelligence.clv;

import org.hipparchus.special.Gamma;

/**
 * The BG/NBD log-likelihood (Fader, Hardie &amp; Lee 2005, eq. 6) and its analytic gradient with
 * respect to the log-parameters {@code (ln r, ln alpha, ln a, ln b)}.
 *
 * <p>Per customer, in log space:
 *
 * <pre>
 * ln L = lnΓ(r+x) − lnΓ(r) + r ln α                       (A1)
 *      + lnB(a, b+x) − lnB(a, b)                          (A2)
 *      + logsumexp( −(r+x) ln(α+T),                        (A3)
 *                   [x&gt;0] ln a − ln(b+x−1) − (r+x) ln(α+t_x) )  (A4)
 * </pre>
 *
 * A1 and A2 depend only on {@code x}, so they are computed once per distinct frequency; A3 and A4
 * use {@code ln(α+t)} computed once per distinct time.
 */
public final class BgNbdLikelihood {
  private final SufficientStatistics data;

  public BgNbdLikelihood(SufficientStatistics data) {
    this.data = data;
  }

  /** Log-likelihood of the data under the given parameters. */
  public double logLikelihood(BgNbdParameters p) {
    return evaluate(p, null);
  }

  /**
   * Log-likelihood and, written into {@code gradient} (length 4) unless it is null, its gradient
   * with respect to {@code (ln r, ln alpha, ln a, ln b)}.
   */
  public double evaluate(BgNbdParameters p, double[] gradient) {
    double r = p.r();
    double alpha = p.alpha();
    double a = p.a();
    double b = p.b();
    double lnAlpha = Math.log(alpha);
    double lnA = Math.log(a);
    double[] times = data.times;
    double[] lnTime = new double[times.length];
    double[] invTime = new double[times.length];
    for (int i = 0; i < times.length; i++) {
      lnTime[i] = Math.log(alpha + times[i]);
      invTime[i] = 1.0 / (alpha + times[i]);
    }
    int[] xs = data.frequencies;
    double lgR = Gamma.logGamma(r);
    double lgAb = Gamma.logGamma(a + b);
    double lgB = Gamma.logGamma(b);
    double psiR = Gamma.digamma(r);
    double psiAb = Gamma.digamma(a + b);
    double psiB = Gamma.digamma(b);
    double ll = 0;
    double dr = 0;
    double dAlpha = 0;
    double da = 0;
    double db = 0;
    double[] lnBx = new double[xs.length];
    for (int k = 0; k < xs.length; k++) {
      int x = xs[k];
      double w = data.customersPerFrequency[k];
      double a1 = Gamma.logGamma(r + x) - lgR + r * lnAlpha;
      double a2 = lgAb + Gamma.logGamma(b + x) - lgB - Gamma.logGamma(a + b + x);
      ll += w * (a1 + a2);
      lnBx[k] = x > 0 ? Math.log(b + x - 1) : 0;
      if (gradient != null) {
        double psiAbx = Gamma.digamma(a + b + x);
        dr += w * (Gamma.digamma(r + x) - psiR + lnAlpha);
        dAlpha += w * r / alpha;
        da += w * (psiAb - psiAbx);
        db += w * (psiAb + Gamma.digamma(b + x) - psiB - psiAbx);
      }
    }
    int[] gx = data.groupFrequency;
    int[] gr = data.groupRecency;
    int[] ga = data.groupAge;
    double[] gw = data.groupWeight;
    for (int g = 0; g < gw.length; g++) {
      int k = gx[g];
      double rx = r + xs[k];
      double w = gw[g];
      double a3 = -rx * lnTime[ga[g]];
      if (xs[k] == 0) {
        ll += w * a3;
        if (gradient != null) {
          dr -= w * lnTime[ga[g]];
          dAlpha -= w * rx * invTime[ga[g]];
        }
        continue;
      }
      double a4 = lnA - lnBx[k] - rx * lnTime[gr[g]];
      double e = Math.exp(-Math.abs(a3 - a4));
      ll += w * (Math.max(a3, a4) + Math.log1p(e));
      if (gradient != null) {
        double w3 = a3 >= a4 ? 1 / (1 + e) : e / (1 + e);
        double w4 = 1 - w3;
        dr -= w * (w3 * lnTime[ga[g]] + w4 * lnTime[gr[g]]);
        dAlpha -= w * rx * (w3 * invTime[ga[g]] + w4 * invTime[gr[g]]);
        da += w * w4 / a;
        db -= w * w4 / (b + xs[k] - 1);
      }
    }
    if (gradient != null) {
      gradient[0] = dr * r;
      gradient[1] = dAlpha * alpha;
      gradient[2] = da * a;
      gradient[3] = db * b;
    }
    return ll;
  }

  public SufficientStatistics data() {
    return data;
  }
}
