package dev.kairos.intelligence.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** Per-customer predictions with the published CDNOW parameters. */
class CustomerValueModelTest {
  private static final LocalDate END = LocalDate.of(1997, 9, 30);
  private static final CustomerValueModel MODEL =
      new CustomerValueModel(
          new BgNbdModel(new BgNbdParameters(0.243, 4.414, 0.793, 2.426), 0),
          new GammaGammaModel(new GammaGammaParameters(6.25, 3.74, 15.44), 0),
          END,
          ClvTimeUnit.WEEKS);

  private static CustomerSummary customer(int x, double recency, double age, double m) {
    return new CustomerSummary("c", x, recency, age, m, 100, END.minusWeeks(39), END);
  }

  @Test
  void a_new_customer_expects_the_unconditional_bg_nbd_transactions() {
    // E[Y(t) | x = 0, t_x = 0, T = 0] is E[X(t)] = (a+b−1)/(a−1) [1 − (α/(α+t))^r 2F1(r, b; a+b−1;
    // t/(α+t))] (FHL 2005, eq. 9), written out here independently of the model's code path
    CustomerSummary c = customer(0, 0, 0, 0);

    double unconditional = MODEL.purchases().expectedTransactions(39, 0, 0, 0);
    double byHand =
        (0.793 + 2.426 - 1)
            / (0.793 - 1)
            * (1
                - Math.pow(4.414 / (4.414 + 39), 0.243)
                    * Hypergeometric.hyp2f1(0.243, 2.426, 0.793 + 2.426 - 1, 39 / (4.414 + 39)));

    assertThat(unconditional).isCloseTo(byHand, within(1e-12));
    assertThat(MODEL.ordersWithinDays(273, c)).isCloseTo(byHand, within(1e-12));
  }

  @Test
  void undiscounted_value_is_expected_orders_times_expected_spend() {
    CustomerSummary c = customer(4, 30, 38, 40);
    CustomerPrediction discounted = MODEL.predict(c, new ValueHorizon(12, 0.01));
    CustomerPrediction undiscounted = MODEL.predict(c, new ValueHorizon(12, 0));

    double orders = MODEL.ordersWithinDays(365.25, c);

    assertThat(undiscounted.predictedValue())
        .isCloseTo(orders * undiscounted.expectedAverageSpend(), within(1e-9));
    assertThat(discounted.predictedValue()).isLessThan(undiscounted.predictedValue());
    assertThat(discounted.churnRisk()).isCloseTo(1 - discounted.probabilityAlive(), within(1e-15));
  }

  @Test
  void next_order_date_is_when_one_order_is_expected() {
    CustomerSummary frequent = customer(20, 38, 38.5, 40);

    LocalDate next = MODEL.nextOrderDate(frequent).orElseThrow();
    long days = ChronoUnit.DAYS.between(END, next);

    assertThat(MODEL.ordersWithinDays(days, frequent)).isGreaterThanOrEqualTo(1.0);
    assertThat(MODEL.ordersWithinDays(days - 1, frequent)).isLessThan(1.0);
  }

  @Test
  void a_customer_silent_for_long_has_high_churn_risk_and_no_next_order_date() {
    CustomerSummary lapsed = customer(3, 2, 38.5, 40);

    CustomerPrediction p = MODEL.predict(lapsed, ValueHorizon.DEFAULT);

    assertThat(p.churnRisk()).isGreaterThan(0.8);
    assertThat(p.nextOrderDate()).isEmpty();
  }
}
