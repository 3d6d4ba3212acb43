package dev.kairos.intelligence.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the per-customer predictions, for any parameters and any customer. */
class PredictionProperties {

  @Property(tries = 300)
  void bg_nbd_probability_alive_is_a_probability_and_one_without_repeat_purchases(
      @ForAll @DoubleRange(min = 0.05, max = 5) double r,
      @ForAll @DoubleRange(min = 0.1, max = 50) double alpha,
      @ForAll @DoubleRange(min = 0.05, max = 5) double a,
      @ForAll @DoubleRange(min = 0.05, max = 10) double b,
      @ForAll @IntRange(min = 0, max = 200) int x,
      @ForAll @DoubleRange(min = 0, max = 1) double recencyShare,
      @ForAll @DoubleRange(min = 0.1, max = 100) double age) {
    BgNbdModel model = new BgNbdModel(new BgNbdParameters(r, alpha, a, b), 0);
    double recency = x == 0 ? 0 : recencyShare * age;

    double alive = model.probabilityAlive(x, recency, age);

    assertThat(alive).isBetween(0.0, 1.0);
    if (x == 0) {
      assertThat(alive).isEqualTo(1.0);
    } else {
      assertThat(model.probabilityAlive(x, recency, age + 10)).isLessThanOrEqualTo(alive);
    }
  }

  @Property(tries = 200)
  void bg_nbd_expected_transactions_grow_with_the_horizon(
      @ForAll @DoubleRange(min = 0.05, max = 3) double r,
      @ForAll @DoubleRange(min = 0.5, max = 30) double alpha,
      @ForAll @DoubleRange(min = 0.1, max = 3) double a,
      @ForAll @DoubleRange(min = 0.1, max = 6) double b,
      @ForAll @IntRange(min = 0, max = 40) int x,
      @ForAll @DoubleRange(min = 0, max = 1) double recencyShare,
      @ForAll @DoubleRange(min = 1, max = 60) double age) {
    Assume.that(Math.abs(a - 1) > 1e-3);
    BgNbdModel model = new BgNbdModel(new BgNbdParameters(r, alpha, a, b), 0);
    double recency = x == 0 ? 0 : recencyShare * age;

    double shortTerm = model.expectedTransactions(4, x, recency, age);
    double longTerm = model.expectedTransactions(52, x, recency, age);

    assertThat(shortTerm).isGreaterThanOrEqualTo(0);
    assertThat(longTerm).isGreaterThanOrEqualTo(shortTerm - 1e-9);
  }

  @Property(tries = 200)
  void pareto_nbd_probability_alive_is_a_probability(
      @ForAll @DoubleRange(min = 0.05, max = 5) double r,
      @ForAll @DoubleRange(min = 0.1, max = 50) double alpha,
      @ForAll @DoubleRange(min = 0.05, max = 5) double s,
      @ForAll @DoubleRange(min = 0.1, max = 50) double beta,
      @ForAll @IntRange(min = 0, max = 100) int x,
      @ForAll @DoubleRange(min = 0, max = 1) double recencyShare,
      @ForAll @DoubleRange(min = 0.1, max = 100) double age) {
    ParetoNbdModel model = new ParetoNbdModel(new ParetoNbdParameters(r, alpha, s, beta), 0);
    double recency = x == 0 ? 0 : recencyShare * age;

    double alive = model.probabilityAlive(x, recency, age);

    assertThat(alive).isBetween(0.0, 1.0);
    assertThat(model.probabilityAlive(x, age, age)).isCloseTo(1.0, within(1e-12));
  }

  @Property(tries = 100)
  void grouping_customers_does_not_change_the_likelihood(
      @ForAll @IntRange(min = 1, max = 1000) int seed) {
    SyntheticCustomers c =
        SyntheticCustomers.draw(
            60, new BgNbdParameters(0.4, 5, 0.7, 2), new GammaGammaParameters(5, 3, 10), seed);
    BgNbdParameters p = new BgNbdParameters(0.3, 4, 0.9, 2.2);
    double grouped =
        new BgNbdLikelihood(SufficientStatistics.of(c.x(), c.recency(), c.age())).logLikelihood(p);
    double oneByOne = 0;
    for (int i = 0; i < c.x().length; i++) {
      oneByOne +=
          new BgNbdLikelihood(
                  SufficientStatistics.of(
                      new int[] {c.x()[i]},
                      new double[] {c.recency()[i]},
                      new double[] {c.age()[i]}))
              .logLikelihood(p);
    }
    assertThat(grouped).isCloseTo(oneByOne, within(1e-9 * Math.abs(oneByOne)));
  }
}
