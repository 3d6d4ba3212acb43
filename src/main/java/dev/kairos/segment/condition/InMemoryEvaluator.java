package dev.kairos.segment.condition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates a condition on one person at an instant: whether they are a member, why (each
 * condition, whether it held, the value seen), and when the clock alone could next change it. Reads
 * exactly what the SQL evaluator reads, with the same rules ({@link Comparisons}).
 */
public final class InMemoryEvaluator {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** The topic a decision about every topic of a channel is recorded under. */
  static final String ALL_TOPICS = "all";

  private final SegmentDefinitions definitions;
  private final ZoneId workspaceZone;

  /**
   * @param workspaceZone the time zone of people who have none of their own
   */
  public InMemoryEvaluator(SegmentDefinitions definitions, ZoneId workspaceZone) {
    this.definitions = definitions;
    this.workspaceZone = workspaceZone;
  }

  /** At {@code now} to the microsecond, as the database keeps instants. */
  public Verdict evaluate(Condition condition, Person person, Instant now) {
    Instant at = now.truncatedTo(ChronoUnit.MICROS);
    Run run = new Run(person, at, person.zone() != null ? person.zone() : workspaceZone);
    boolean member = run.eval(condition, "$");
    return new Verdict(member, run.reasons, Optional.ofNullable(run.next));
  }

  /** One evaluation: its reasons and the earliest clock change found. */
  private final class Run {
    final Person person;
    final Instant now;
    final ZoneId zone;
    final List<Reason> reasons = new ArrayList<>();
    final Set<String> expanding = new HashSet<>();
    Instant next;

    Run(Person person, Instant now, ZoneId zone) {
      this.person = person;
      this.now = now;
      this.zone = zone;
    }

    boolean eval(Condition condition, String path) {
      if (condition instanceof Condition.And and) {
        boolean all = true;
        for (int i = 0; i < and.all().size(); i++) {
          all &= eval(and.all().get(i), path + ".and[" + i + "]");
        }
        return all;
      }
      if (condition instanceof Condition.Or or) {
        boolean any = false;
        for (int i = 0; i < or.any().size(); i++) {
          any |= eval(or.any().get(i), path + ".or[" + i + "]");
        }
        return any;
      }
      if (condition instanceof Condition.Not not) {
        return !eval(not.negated(), path + ".not");
      }
      if (condition instanceof Condition.InSegment in) {
        return segment(in, path);
      }
      Seen seen = leaf(condition);
      reasons.add(new Reason(path, ConditionJson.toJson(condition), seen.held, seen.value));
      return seen.held;
    }

    private boolean segment(Condition.InSegment in, String path) {
      Optional<Condition> target = definitions.condition(in.key());
      boolean held = false;
      if (target.isPresent() && expanding.add(in.key())) {
        held = eval(target.get(), path + ".segment(" + in.key() + ")");
        expanding.remove(in.key());
      }
      reasons.add(new Reason(path, ConditionJson.toJson(in), held, null));
      return held;
    }

    private Seen leaf(Condition condition) {
      if (condition instanceof Condition.Trait trait) {
        return trait(trait);
      }
      if (condition instanceof Condition.Field field) {
        return field(field);
      }
      if (condition instanceof Condition.Performed performed) {
        return performed(performed);
      }
      if (condition instanceof Condition.PerformedAt at) {
        return performedAt(at);
      }
      if (condition instanceof Condition.HasIdentifier identifier) {
        boolean has = person.identifierKinds().contains(identifier.kind());
        return new Seen(has, JSON.booleanNode(has));
      }
      return consent((Condition.Consent) condition);
    }

    /**
     * Granted for the topic (or, the topic never answered, for every topic of the channel); with no
     * topic, granted for some topic of the channel.
     */
    private Seen consent(Condition.Consent consent) {
      JsonNode topics = person.consent().get(consent.channel());
      if (topics == null || !topics.isObject()) {
        return new Seen(false, null);
      }
      if (consent.topic() == null) {
        boolean any = false;
        for (JsonNode answer : topics) {
          any |= answer.isBoolean() && answer.asBoolean();
        }
        return new Seen(any, topics.deepCopy());
      }
      JsonNode answer = topics.get(consent.topic());
      if (answer == null || !answer.isBoolean()) {
        answer = topics.get(ALL_TOPICS);
      }
      boolean held = answer != null && answer.isBoolean() && answer.asBoolean();
      return new Seen(held, answer == null ? null : answer.deepCopy());
    }

    private Seen trait(Condition.Trait trait) {
      JsonNode node = person.traits() == null ? null : person.traits().get(trait.name());
      Comparison comparison = trait.comparison();
      Operator positive = Comparisons.positive(comparison.op());
      Value value;
      if (positive == Operator.EXISTS) {
        value = node == null || node.isNull() ? null : new Value.Text("");
      } else {
        value = Comparisons.read(node, comparison.type());
      }
      LocalDate date = value instanceof Value.Moment ? Comparisons.writtenDate(value) : null;
      boolean held = compare(comparison, value, date);
      if (value instanceof Value.Moment m) {
        clock(NextChanges.ofDate(comparison, m.instant(), date, now, zone));
      }
      return new Seen(held, node == null ? null : node.deepCopy());
    }

    private Seen field(Condition.Field field) {
      Comparison comparison = field.comparison();
      Value value;
      if (field.field() == ProfileField.DAYS_SINCE_LAST_ORDER) {
        Value last = person.fields().get(ProfileField.LAST_ORDER_AT);
        value = null;
        if (last != null) {
          Instant at = Comparisons.instant(last);
          long days = Math.floorDiv(Duration.between(at, now).getSeconds(), 86_400L);
          value = new Value.Number(BigDecimal.valueOf(days));
          clock(NextChanges.ofDaysSince(comparison, at, days, now));
        }
      } else {
        value = person.fields().get(field.field());
      }
      LocalDate date = null;
      if (value instanceof Value.Moment m) {
        date = Comparisons.utcDate(m.instant());
        clock(NextChanges.ofDate(comparison, m.instant(), date, now, zone));
      }
      boolean held = compare(comparison, value, date);
      return new Seen(held, value == null ? null : ConditionJson.value(value));
    }

    private Seen performedAt(Condition.PerformedAt at) {
      Behaviour.Summary summary = person.behaviour().summaries().get(at.event());
      Instant t =
          summary == null
              ? null
              : at.edge() == Condition.Edge.FIRST ? summary.first() : summary.last();
      Value value = t == null ? null : new Value.Moment(t, t.toString());
      LocalDate date = t == null ? null : Comparisons.utcDate(t);
      if (t != null) {
        clock(NextChanges.ofDate(at.comparison(), t, date, now, zone));
      }
      return new Seen(
          compare(at.comparison(), value, date),
          value == null ? null : JSON.textNode(t.toString()));
    }

    private Seen performed(Condition.Performed performed) {
      BehaviourCount count = BehaviourCount.of(performed, person.behaviour(), now);
      clock(count.nextChange());
      Value seen = new Value.Number(BigDecimal.valueOf(count.count()));
      return new Seen(compare(performed.count(), seen, null), JSON.numberNode(count.count()));
    }

    private boolean compare(Comparison comparison, Value value, LocalDate date) {
      Comparison positive =
          new Comparison(
              Comparisons.positive(comparison.op()), comparison.type(), comparison.values());
      boolean held = Comparisons.holds(positive, value, date, now, zone);
      return Comparisons.isNegative(comparison.op()) != held;
    }

    private void clock(Instant change) {
      next = NextChanges.min(next, change);
    }
  }

  private record Seen(boolean held, JsonNode value) {}
}
