package dev.kairos.intelligence.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CalibrationSummaryTest {
  private static final LocalDate END = LocalDate.of(2024, 3, 31);

  private static Transaction t(String id, String date, double amount) {
    return new Transaction(id, LocalDate.parse(date), amount);
  }

  @Test
  void purchases_on_the_same_day_count_as_one_transaction_worth_their_sum() {
    List<Transaction> transactions =
        List.of(
            t("ann", "2024-01-01", 10),
            t("ann", "2024-01-15", 5),
            t("ann", "2024-01-15", 15),
            t("ann", "2024-01-29", 40),
            t("ann", "2024-04-02", 99));

    CustomerSummary ann =
        CalibrationSummary.of(transactions, END, ClvTimeUnit.WEEKS).customers().get(0);

    assertThat(ann.frequency()).isEqualTo(2);
    assertThat(ann.recency()).isCloseTo(4.0, within(1e-12));
    assertThat(ann.age()).isCloseTo(90 / 7.0, within(1e-12));
    assertThat(ann.monetaryValue()).isCloseTo(30.0, within(1e-12)); // (5 + 15 + 40) / 2
    assertThat(ann.historicValue()).isCloseTo(70.0, within(1e-12)); // the April purchase is later
  }

  @Test
  void time_unit_days_measures_recency_and_age_in_days() {
    List<Transaction> transactions =
        List.of(t("bob", "2024-03-01", 10), t("bob", "2024-03-08", 10));

    CustomerSummary bob =
        CalibrationSummary.of(transactions, END, ClvTimeUnit.DAYS).customers().get(0);

    assertThat(bob.recency()).isEqualTo(7.0);
    assertThat(bob.age()).isEqualTo(30.0);
  }

  @Test
  void customers_who_first_buy_after_calibration_end_are_left_out() {
    List<Transaction> transactions = List.of(t("ann", "2024-01-01", 10), t("cy", "2024-04-01", 10));

    CalibrationSummary summary = CalibrationSummary.of(transactions, END, ClvTimeUnit.WEEKS);

    assertThat(summary.customers()).extracting(CustomerSummary::customerId).containsExactly("ann");
  }

  @Test
  void holdout_counts_distinct_purchase_days_after_calibration_end() {
    List<Transaction> transactions =
        List.of(
            t("ann", "2024-03-31", 10),
            t("ann", "2024-04-01", 10),
            t("ann", "2024-04-01", 10),
            t("ann", "2024-05-01", 10),
            t("ann", "2024-07-01", 10));

    Map<String, Integer> counts =
        new HoldoutPeriod(END, LocalDate.of(2024, 6, 30)).transactionsPerCustomer(transactions);

    assertThat(counts).containsExactly(Map.entry("ann", 2));
  }

  @Test
  void cdnow_customer_one_matches_the_published_summary() {
    CalibrationSummary summary = CdnowData.sampleCalibration();

    CustomerSummary first = summary.customers().get(0);

    assertThat(summary.customers()).hasSize(2357);
    assertThat(summary.repeatBuyers()).isEqualTo(946);
    assertThat(first.customerId()).isEqualTo("00004");
    assertThat(first.frequency()).isEqualTo(2);
    assertThat(first.recency()).isCloseTo(30.43, within(0.005));
    assertThat(first.age()).isCloseTo(38.86, within(0.005));
  }
}
