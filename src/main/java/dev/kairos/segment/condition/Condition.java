package dev.kairos.segment.condition;

import java.util.List;

/**
 * A segment's condition: a typed tree, parsed from its JSON by {@link ConditionParser} and written
 * back by {@link ConditionJson}. It holds data only; nothing in it is ever evaluated as code.
 */
public sealed interface Condition
    permits Condition.And,
        Condition.Or,
        Condition.Not,
        Condition.Trait,
        Condition.Field,
        Condition.Performed,
        Condition.PerformedAt,
        Condition.InSegment,
        Condition.HasIdentifier,
        Condition.Consent {

  /** Every one of the conditions holds ({@code {"and": [...]}}). */
  record And(List<Condition> all) implements Condition {
    public And {
      all = List.copyOf(all);
    }
  }

  /** At least one of the conditions holds ({@code {"or": [...]}}). */
  record Or(List<Condition> any) implements Condition {
    public Or {
      any = List.copyOf(any);
    }
  }

  /** The condition does not hold ({@code {"not": {...}}}). */
  record Not(Condition negated) implements Condition {}

  /** A trait of the profile compared ({@code {"trait": "city", "op": "eq", "value": "York"}}). */
  record Trait(String name, Comparison comparison) implements Condition {}

  /** A computed field of the profile compared ({@code {"field": "cart_value", ...}}). */
  record Field(ProfileField field, Comparison comparison) implements Condition {}

  /**
   * How often the person performed an event ({@code {"performed": "Product Viewed", "where": [...],
   * "count": {"op": "gte", "value": 3}, "within_days": 30}}).
   *
   * @param where property conditions every counted event meets (empty: every event of the name)
   * @param count a number comparison on the count; at least once when not given
   */
  record Performed(String event, List<PropertyFilter> where, Comparison count, Window window)
      implements Condition {
    public Performed {
      where = List.copyOf(where);
    }
  }

  /**
   * When the person first or last performed an event, compared as a date ({@code {"last_performed":
   * "Order Completed", "op": "more_than_days_ago", "value": 90}}). A person who never performed it
   * has no date: only {@code not_exists} holds.
   */
  record PerformedAt(Edge edge, String event, Comparison comparison) implements Condition {}

  /** Which performance {@link PerformedAt} reads. */
  enum Edge {
    FIRST("first_performed"),
    LAST("last_performed");

    private final String key;

    Edge(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  /** The person is a member of another segment ({@code {"segment": "vip"}}). */
  record InSegment(String key) implements Condition {}

  /** The person has an identifier of the kind ({@code {"identifier": "email"}}). */
  record HasIdentifier(String kind) implements Condition {}

  /**
   * The person consented to a channel, optionally for a topic ({@code {"consent": "email", "topic":
   * "promotions"}}). A placeholder until the channels work records consent per channel and topic:
   * accepted and validated now, it holds for nobody yet.
   */
  record Consent(String channel, String topic) implements Condition {}
}
