package dev.kairos.intelligence.clv;

import java.util.LinkedHashMap;
import java.util.Map;

/** A fitted BG/NBD model and its per-customer predictions (Fader, Hardie &amp; Lee 2005). */
public record BgNbdModel(BgNbdParameters estimates, double logLikelihood)
    implements RepeatPurchaseModel {

  @Override
  public String name() {
    return "bgnbd";
  }

  @Override
  public Map<String, Double> parameters() {
    Map<String, Double> map = new LinkedHashMap<>();
    map.put("r", estimates.r());
    map.put("alpha", estimates.alpha());
    map.put("a", estimates.a());
    map.put("b", estimates.b());
    return map;
  }

  /**
   * P(alive) = 1 / (1 + [x&gt;0] a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)); a customer with no repeat
   * purchase is alive with probability 1, since BG/NBD customers can only drop out right after a
   * purchase.
   */
  @Override
  public double probabilityAlive(int x, double recency, double age) {
    if (x == 0) {
      return 1.0;
    }
    return 1.0 / (1.0 + Math.exp(logDeathOdds(x, recency, age)));
  }

  /**
   * E[Y(t) | x, t_x, T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1;
   * t/(α+T+t))] · P(alive) (FHL 2005, eq. 10).
   */
  @Override
  public double expectedTransactions(double t, int x, double recency, double age) {
    if (t <= 0) {
      return 0;
    }
    double a = estimates.a();
    double b = estimates.b();
    if (Math.abs(a - 1) < 1e-7) {
      // removable singularity at a = 1: average the two sides
      return 0.5
          * (expectedTransactions(t, x, recency, age, 1 - 1e-6, b)
              + expectedTransactions(t, x, recency, age, 1 + 1e-6, b));
    }
    if (x == 0 && Math.abs(a + b - 1) < 1e-7) {
      // removable singularity at a + b + x − 1 = 0, where 2F1 has a pole and its factor a zero
      return 0.5
          * (expectedTransactions(t, x, recency, age, a, 1 - a - 1e-6)
              + expectedTransactions(t, x, recency, age, a, 1 - a + 1e-6));
    }
    return expectedTransactions(t, x, recency, age, a, b);
  }

  private double expectedTransactions(
      double t, int x, double recency, double age, double a, double b) {
    double r = estimates.r();
    double alpha = estimates.alpha();
    double z = t / (alpha + age + t);
    double c = a + b + x - 1;
    double logPower = (r + x) * Math.log((alpha + age) / (alpha + age + t));
    double hyp = Hypergeometric.hyp2f1(r + x, b + x, c, z);
    double bracket;
    if (Double.isFinite(hyp) && hyp > 0) {
      bracket = -Math.expm1(Math.log(hyp) + logPower); // log space: neither factor overflows
    } else if (Double.isFinite(hyp)) {
      bracket = 1 - hyp * Math.exp(logPower); // c < 0 (a + b + x < 1) can make 2F1 negative
    } else {
      bracket = -Math.expm1(Hypergeometric.logHyp2f1(r + x, b + x, c, z) + logPower);
    }
    double firstTerm = (a + b + x - 1) / (a - 1);
    return firstTerm * bracket * probabilityAlive(x, recency, age);
  }

  /** E[X(t)]: expected transactions of a new customer in the first {@code t} after the first. */
  public double expectedTransactionsOfNewCustomer(double t) {
    return expectedTransactions(t, 0, 0, 0);
  }

  private double logDeathOdds(int x, double recency, double age) {
    double r = estimates.r();
    double alpha = estimates.alpha();
    return Math.log(estimates.a() / (estimates.b() + x - 1))
        + (r + x) * Math.log((alpha + age) / (alpha + recency));
  }
}
