package dev.kairos.intelligence.clv;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Too little data gives a reason, never a model fitted on noise. */
class MinimumDataTest {
  private static final LocalDate END = LocalDate.of(2024, 6, 30);

  private static CalibrationSummary shop(int customers, int repeatBuyers) {
    List<Transaction> transactions = new ArrayList<>();
    for (int i = 0; i < customers; i++) {
      transactions.add(new Transaction("c" + i, LocalDate.of(2024, 1, 1).plusDays(i % 90), 20));
      if (i < repeatBuyers) {
        transactions.add(
            new Transaction("c" + i, LocalDate.of(2024, 5, 1).plusDays(i % 30), 10 + 7 * (i % 5)));
      }
    }
    return CalibrationSummary.of(transactions, END, ClvTimeUnit.WEEKS);
  }

  @Test
  void fewer_than_100_customers_is_not_enough() {
    FitResult<CustomerValueModel> result =
        new CustomerValueFitting().fit(shop(99, 50), RepeatPurchaseModelChoice.BGNBD);

    assertThat(result)
        .isEqualTo(
            new FitResult.NotEnoughData<>(
                "99 customers in the calibration period; at least 100 are needed"));
  }

  @Test
  void fewer_than_20_repeat_buyers_is_not_enough_for_either_model() {
    for (RepeatPurchaseModelChoice choice : RepeatPurchaseModelChoice.values()) {
      FitResult<CustomerValueModel> result = new CustomerValueFitting().fit(shop(500, 19), choice);

      assertThat(result)
          .isEqualTo(
              new FitResult.NotEnoughData<>(
                  "19 repeat buyers in the calibration period; at least 20 are needed"));
    }
  }

  private static CalibrationSummary simulated(int customers, boolean sameSpendForAll) {
    SyntheticCustomers c =
        SyntheticCustomers.draw(
            customers,
            new BgNbdParameters(0.243, 4.414, 0.793, 2.426),
            new GammaGammaParameters(6.25, 3.74, 15.44),
            42);
    List<CustomerSummary> summaries = new ArrayList<>();
    for (int i = 0; i < customers; i++) {
      double m = c.x()[i] == 0 ? 0 : sameSpendForAll ? 25 : c.meanValue()[i];
      summaries.add(
          new CustomerSummary("c" + i, c.x()[i], c.recency()[i], c.age()[i], m, m, END, END));
    }
    return new CalibrationSummary(END, ClvTimeUnit.WEEKS, summaries);
  }

  @Test
  void enough_customers_and_repeat_buyers_fit() {
    FitResult<CustomerValueModel> result =
        new CustomerValueFitting().fit(simulated(1000, false), RepeatPurchaseModelChoice.BGNBD);

    assertThat(result).isInstanceOf(FitResult.Fitted.class);
  }

  @Test
  void identical_spend_for_everyone_gives_a_reason_instead_of_an_exception() {
    FitResult<CustomerValueModel> result =
        new CustomerValueFitting().fit(simulated(1000, true), RepeatPurchaseModelChoice.BGNBD);

    assertThat(result).isInstanceOf(FitResult.DidNotConverge.class);
    assertThat(result.reason()).startsWith("Gamma-Gamma:");
  }
}
