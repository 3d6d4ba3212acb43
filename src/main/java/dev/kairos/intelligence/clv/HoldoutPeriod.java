package dev.kairos.intelligence.clv;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The period after calibration, {@code (calibrationEnd, holdoutEnd]}, in which the forecasts are
 * checked against what customers actually did.
 */
public record HoldoutPeriod(LocalDate calibrationEnd, LocalDate holdoutEnd) {

  public HoldoutPeriod {
    if (!holdoutEnd.isAfter(calibrationEnd)) {
      throw new IllegalArgumentException(
          "holdout end " + holdoutEnd + " must be after calibration end " + calibrationEnd);
    }
  }

  /** Length of the holdout period in the given unit. */
  public double length(ClvTimeUnit unit) {
    return unit.between(calibrationEnd, holdoutEnd);
  }

  /**
   * Transactions per customer in the holdout period: distinct purchase days, as in calibration
   * (after calibration every purchase day is a repeat purchase).
   */
  public Map<String, Integer> transactionsPerCustomer(List<Transaction> transactions) {
    Map<String, Set<LocalDate>> days = new HashMap<>();
    for (Transaction t : transactions) {
      if (t.date().isAfter(calibrationEnd) && !t.date().isAfter(holdoutEnd)) {
        days.computeIfAbsent(t.customerId(), id -> new HashSet<>()).add(t.date());
      }
    }
    Map<String, Integer> counts = new HashMap<>();
    days.forEach((id, set) -> counts.put(id, set.size()));
    return counts;
  }
}
