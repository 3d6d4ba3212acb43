package dev.kairos.segment.condition;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a condition reads (segments it names expanded into what they read), so that an applied event
 * re-evaluates only the segments that can depend on what it changed.
 *
 * @param events event names a {@code performed}, {@code first_performed} or {@code last_performed}
 *     counts or dates
 * @param eventsWithProperties the subset whose events a {@code where} filters by properties or a
 *     {@code within_hours} window counts (the evaluators need those events themselves, not only
 *     their counters)
 * @param fields computed fields read
 * @param traits trait names read
 * @param identifierKinds identifier kinds read
 * @param segments segment keys named, directly or through other segments
 * @param timeDependent whether the clock alone can change the answer (relative dates, windows,
 *     {@code days_since_last_order}, birthdays); then {@link Verdict#nextChange()} says when
 * @param zoneDependent whether the person's time zone matters (birthdays)
 * @param consent whether a consent condition is read
 */
public record Dependencies(
    Set<String> events,
    Set<String> eventsWithProperties,
    Set<ProfileField> fields,
    Set<String> traits,
    Set<String> identifierKinds,
    Set<String> segments,
    boolean timeDependent,
    boolean zoneDependent,
    boolean consent) {

  public Dependencies {
    events = Set.copyOf(events);
    eventsWithProperties = Set.copyOf(eventsWithProperties);
    fields = fields.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(fields));
    traits = Set.copyOf(traits);
    identifierKinds = Set.copyOf(identifierKinds);
    segments = Set.copyOf(segments);
  }

  /** What the condition reads; segment conditions are looked up and expanded (cycles stop). */
  public static Dependencies of(Condition condition, SegmentDefinitions definitions) {
    Collector collector = new Collector(definitions);
    collector.visit(condition);
    return new Dependencies(
        collector.events,
        collector.eventsWithProperties,
        collector.fields,
        collector.traits,
        collector.identifierKinds,
        collector.segments,
        collector.timeDependent,
        collector.zoneDependent,
        collector.consent);
  }

  /** Whether an event of this name can change the answer through the behaviour it reads. */
  public boolean readsEvent(String eventName) {
    return events.contains(eventName);
  }

  private static final class Collector {
    final SegmentDefinitions definitions;
    final Set<String> events = new LinkedHashSet<>();
    final Set<String> eventsWithProperties = new LinkedHashSet<>();
    final Set<ProfileField> fields = new HashSet<>();
    final Set<String> traits = new LinkedHashSet<>();
    final Set<String> identifierKinds = new LinkedHashSet<>();
    final Set<String> segments = new LinkedHashSet<>();
    boolean timeDependent;
    boolean zoneDependent;
    boolean consent;

    Collector(SegmentDefinitions definitions) {
      this.definitions = definitions;
    }

    void visit(Condition condition) {
      if (condition instanceof Condition.And and) {
        and.all().forEach(this::visit);
      } else if (condition instanceof Condition.Or or) {
        or.any().forEach(this::visit);
      } else if (condition instanceof Condition.Not not) {
        visit(not.negated());
      } else if (condition instanceof Condition.Trait trait) {
        traits.add(trait.name());
        compared(trait.comparison());
      } else if (condition instanceof Condition.Field field) {
        fields.add(field.field());
        compared(field.comparison());
        timeDependent |= field.field() == ProfileField.DAYS_SINCE_LAST_ORDER;
      } else if (condition instanceof Condition.Performed performed) {
        events.add(performed.event());
        if (!performed.where().isEmpty() || performed.window() instanceof Window.WithinHours) {
          eventsWithProperties.add(performed.event());
        }
        performed.where().forEach(w -> compared(w.comparison()));
        timeDependent |=
            performed.window() instanceof Window.WithinDays
                || performed.window() instanceof Window.WithinHours;
      } else if (condition instanceof Condition.PerformedAt at) {
        events.add(at.event());
        compared(at.comparison());
      } else if (condition instanceof Condition.InSegment in) {
        if (segments.add(in.key())) {
          definitions.condition(in.key()).ifPresent(this::visit);
        }
      } else if (condition instanceof Condition.HasIdentifier identifier) {
        identifierKinds.add(identifier.kind());
      } else if (condition instanceof Condition.Consent) {
        consent = true;
      }
    }

    private void compared(Comparison comparison) {
      timeDependent |= comparison.op().operand() == Operator.Operand.AMOUNT;
      zoneDependent |= comparison.op() == Operator.ANNIVERSARY_WITHIN_DAYS;
    }
  }
}
