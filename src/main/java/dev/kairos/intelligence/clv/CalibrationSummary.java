package dev.kairos.intelligence.clv;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The customers of a calibration period, each reduced to {@code (x, t_x, T, m)}.
 *
 * <p>Purchases on the same day by the same customer count as one transaction whose value is their
 * sum. The calibration period ends with the day {@code calibrationEnd} (inclusive); customers whose
 * first purchase is after it are not part of the calibration.
 */
public record CalibrationSummary(
    LocalDate calibrationEnd, ClvTimeUnit timeUnit, List<CustomerSummary> customers) {

  public CalibrationSummary {
    customers = List.copyOf(customers);
  }

  /** Summarises the transactions up to and including {@code calibrationEnd}. */
  public static CalibrationSummary of(
      List<Transaction> transactions, LocalDate calibrationEnd, ClvTimeUnit timeUnit) {
    Map<String, TreeMap<LocalDate, Double>> days = dailyTotals(transactions, calibrationEnd);
    List<CustomerSummary> customers = new ArrayList<>(days.size());
    days.forEach(
        (customerId, byDay) ->
            customers.add(summarise(customerId, byDay, calibrationEnd, timeUnit)));
    customers.sort(Comparator.comparing(CustomerSummary::customerId));
    return new CalibrationSummary(calibrationEnd, timeUnit, customers);
  }

  public int repeatBuyers() {
    return (int) customers.stream().filter(CustomerSummary::isRepeatBuyer).count();
  }

  private static Map<String, TreeMap<LocalDate, Double>> dailyTotals(
      List<Transaction> transactions, LocalDate end) {
    Map<String, TreeMap<LocalDate, Double>> days = new HashMap<>();
    for (Transaction t : transactions) {
      if (!t.date().isAfter(end)) {
        days.computeIfAbsent(t.customerId(), id -> new TreeMap<>())
            .merge(t.date(), t.amount(), Double::sum);
      }
    }
    return days;
  }

  private static CustomerSummary summarise(
      String customerId, TreeMap<LocalDate, Double> byDay, LocalDate end, ClvTimeUnit unit) {
    LocalDate first = byDay.firstKey();
    LocalDate last = byDay.lastKey();
    double total = 0;
    for (double value : byDay.values()) {
      total += value;
    }
    int repeats = byDay.size() - 1;
    double repeatValue = total - byDay.firstEntry().getValue();
    return new CustomerSummary(
        customerId,
        repeats,
        unit.between(first, last),
        unit.between(first, end),
        repeats == 0 ? 0.0 : repeatValue / repeats,
        total,
        first,
        last);
  }
}
