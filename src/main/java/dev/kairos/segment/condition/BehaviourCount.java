package dev.kairos.segment.condition;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * How many of a person's events a {@code performed} condition counts, and when the clock alone next
 * changes that count (an event leaving the window): by UTC day from the person's counters, or from
 * their events when the condition filters by properties or counts hours.
 *
 * @param nextChange null when only new events change the count
 */
record BehaviourCount(long count, Instant nextChange) {

  static BehaviourCount of(Condition.Performed performed, Behaviour behaviour, Instant now) {
    if (performed.window() instanceof Window.WithinHours within) {
      return inLastHours(performed, behaviour, now, Duration.ofHours(within.hours()));
    }
    NavigableMap<LocalDate, Long> daily = new TreeMap<>();
    if (performed.where().isEmpty()) {
      Behaviour.Summary summary = behaviour.summaries().get(performed.event());
      if (summary != null) {
        daily.putAll(summary.daily());
      }
    } else {
      for (Behaviour.Recorded event : behaviour.events()) {
        if (counted(performed, event)) {
          daily.merge(Comparisons.utcDate(event.at()), 1L, Long::sum);
        }
      }
    }
    Window window = performed.window();
    LocalDate from = null;
    LocalDate to = null;
    Instant next = null;
    if (window instanceof Window.WithinDays within) {
      from = windowStart(now, within.days());
      next = NextChanges.ofWindow(daily, from, within.days(), now);
    } else if (window instanceof Window.Between between) {
      from = between.from();
      to = between.to();
    }
    long count = 0;
    for (var entry : daily.entrySet()) {
      LocalDate day = entry.getKey();
      if ((from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to))) {
        count += entry.getValue();
      }
    }
    return new BehaviourCount(count, next);
  }

  /** Events after {@code now - hours}; each leaves the window {@code hours} after it happened. */
  private static BehaviourCount inLastHours(
      Condition.Performed performed, Behaviour behaviour, Instant now, Duration hours) {
    Instant start = now.minus(hours);
    long count = 0;
    Instant next = null;
    for (Behaviour.Recorded event : behaviour.events()) {
      if (event.at().isAfter(start) && counted(performed, event)) {
        count++;
        Instant leaves = event.at().plus(hours);
        next = leaves.isAfter(now) ? NextChanges.min(next, leaves) : next;
      }
    }
    return new BehaviourCount(count, next);
  }

  /** The first UTC day a {@code within_days} window counts at {@code now}. */
  static LocalDate windowStart(Instant now, int days) {
    return Comparisons.utcDate(now).minusDays(days);
  }

  private static boolean counted(Condition.Performed performed, Behaviour.Recorded event) {
    return event.event().equals(performed.event()) && matches(performed, event.properties());
  }

  static boolean matches(Condition.Performed performed, JsonNode properties) {
    for (PropertyFilter filter : performed.where()) {
      if (!PropertyMatch.holds(filter, properties)) {
        return false;
      }
    }
    return true;
  }
}
