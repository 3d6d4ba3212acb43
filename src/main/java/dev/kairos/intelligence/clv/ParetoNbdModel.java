package dev.kairos.intelligence.clv;

import java.util.LinkedHashMap;
import java.util.Map;

/** A fitted Pareto/NBD model and its per-customer predictions. */
public record ParetoNbdModel(ParetoNbdParameters estimates, double logLikelihood)
    implements RepeatPurchaseModel {

  @Override
  public String name() {
    return "pareto";
  }

  @Override
  public Map<String, Double> parameters() {
    Map<String, Double> map = new LinkedHashMap<>();
    map.put("r", estimates.r());
    map.put("alpha", estimates.alpha());
    map.put("s", estimates.s());
    map.put("beta", estimates.beta());
    return map;
  }

  /** P(alive) = 1 / (1 + s/(r+s+x) · (α+T)^(r+x) · (β+T)^s · A0). */
  @Override
  public double probabilityAlive(int x, double recency, double age) {
    double r = estimates.r();
    double s = estimates.s();
    double logOdds =
        Math.log(s / (r + s + x))
            + (r + x) * Math.log(estimates.alpha() + age)
            + s * Math.log(estimates.beta() + age)
            + ParetoNbdLikelihood.logA0(estimates, x, recency, age);
    return 1.0 / (1.0 + Math.exp(logOdds));
  }

  /**
   * E[Y(t) | x, t_x, T] = (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive),
   * computed as −expm1((s−1)·ln q)/(s−1) so that s near 1 (where the limit is −ln q) is exact.
   */
  @Override
  public double expectedTransactions(double t, int x, double recency, double age) {
    if (t <= 0) {
      return 0;
    }
    double s = estimates.s();
    double betaT = estimates.beta() + age;
    double lnQ = Math.log(betaT / (betaT + t));
    double integral = Math.abs(s - 1) < 1e-12 ? -lnQ : -Math.expm1((s - 1) * lnQ) / (s - 1);
    return (estimates.r() + x)
        * betaT
        / (estimates.alpha() + age)
        * integral
        * probabilityAlive(x, recency, age);
  }
}
