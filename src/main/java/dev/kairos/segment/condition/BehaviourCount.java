package dev.kairos.segment.condition;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * How many of a person's events a {@code performed} condition counts: by UTC day, from the person's
 * counters, or from their events when the condition filters by properties.
 *
 * @param daily the counted events per UTC day (all of them, not only those in the window)
 * @param windowStart the first day counted (null: no lower bound)
 */
record BehaviourCount(long count, NavigableMap<LocalDate, Long> daily, LocalDate windowStart) {

  static BehaviourCount of(Condition.Performed performed, Behaviour behaviour, Instant now) {
    NavigableMap<LocalDate, Long> daily = new TreeMap<>();
    if (performed.where().isEmpty()) {
      Behaviour.Summary summary = behaviour.summaries().get(performed.event());
      if (summary != null) {
        daily.putAll(summary.daily());
      }
    } else {
      for (Behaviour.Recorded event : behaviour.events()) {
        if (event.event().equals(performed.event()) && matches(performed, event.properties())) {
          daily.merge(Comparisons.utcDate(event.at()), 1L, Long::sum);
        }
      }
    }
    Window window = performed.window();
    LocalDate from = null;
    LocalDate to = null;
    if (window instanceof Window.WithinDays within) {
      from = windowStart(now, within.days());
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
    return new BehaviourCount(count, daily, from);
  }

  /** The first UTC day a {@code within_days} window counts at {@code now}. */
  static LocalDate windowStart(Instant now, int days) {
    return Comparisons.utcDate(now).minusDays(days);
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
