package dev.kairos.segment.condition;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.NavigableMap;
import java.util.TreeSet;

/** When the clock alone can next change what a comparison or a window says. */
final class NextChanges {
  private NextChanges() {}

  /** For a comparison of a date seen as the instant {@code t} (null: none can). */
  static Instant ofDate(
      Comparison comparison, Instant t, LocalDate date, Instant now, ZoneId zone) {
    Operator op = comparison.op();
    if (op.operand() != Operator.Operand.AMOUNT || t == null) {
      return null;
    }
    long amount = Comparisons.amount(comparison.value());
    if (op == Operator.ANNIVERSARY_WITHIN_DAYS) {
      LocalDate today = Comparisons.today(now, zone);
      LocalDate next = Comparisons.nextAnniversary(date, today);
      boolean held = ChronoUnit.DAYS.between(today, next) <= amount;
      LocalDate day = held ? next.plusDays(1) : next.minusDays(amount);
      return after(day.atStartOfDay(zone).toInstant(), now);
    }
    Duration span = Comparisons.span(op, amount);
    switch (op) {
      case WITHIN_LAST_DAYS:
      case WITHIN_LAST_HOURS:
        return earliestAfter(now, t, t.plus(span));
      case MORE_THAN_DAYS_AGO:
      case MORE_THAN_HOURS_AGO:
        return after(t.plus(span), now);
      default: // within_next
        return earliestAfter(now, t.minus(span), t);
    }
  }

  /**
   * For a comparison of {@code days_since_last_order}: the value grows by one every 24 hours after
   * the last order; the answer can change only where it crosses one of the comparison's values.
   */
  static Instant ofDaysSince(Comparison comparison, Instant lastOrder, long days, Instant now) {
    TreeSet<Long> candidates = new TreeSet<>();
    for (Value value : comparison.values()) {
      if (value instanceof Value.Number n) {
        long floor = n.number().setScale(0, RoundingMode.FLOOR).longValueExact();
        candidates.add(floor);
        candidates.add(floor + 1);
      }
    }
    boolean held = holdsForDays(comparison, days, now);
    for (long k : candidates) {
      if (k > days && holdsForDays(comparison, k, now) != held) {
        return lastOrder.plus(Duration.ofDays(k));
      }
    }
    return null;
  }

  private static boolean holdsForDays(Comparison comparison, long days, Instant now) {
    Comparison positive =
        new Comparison(
            Comparisons.positive(comparison.op()), comparison.type(), comparison.values());
    boolean held =
        Comparisons.holds(
            positive, new Value.Number(BigDecimal.valueOf(days)), null, now, ZoneOffset.UTC);
    return Comparisons.isNegative(comparison.op()) != held;
  }

  /**
   * For a count over the last {@code days} days: it drops when the oldest day with events in the
   * window leaves it, at midnight UTC {@code days + 1} days after that day.
   */
  static Instant ofWindow(
      NavigableMap<LocalDate, Long> daily, LocalDate windowStart, int days, Instant now) {
    LocalDate oldest = null;
    for (var entry : daily.tailMap(windowStart, true).entrySet()) {
      if (entry.getValue() > 0) {
        oldest = entry.getKey();
        break;
      }
    }
    return oldest == null
        ? null
        : after(oldest.plusDays(days + 1L).atStartOfDay(ZoneOffset.UTC).toInstant(), now);
  }

  private static Instant earliestAfter(Instant now, Instant a, Instant b) {
    Instant first = after(a, now);
    return first != null ? first : after(b, now);
  }

  private static Instant after(Instant candidate, Instant now) {
    return candidate.isAfter(now) ? candidate : null;
  }

  static Instant min(Instant a, Instant b) {
    return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
  }
}
