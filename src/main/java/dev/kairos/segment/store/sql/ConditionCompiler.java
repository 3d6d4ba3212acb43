package dev.kairos.segment.store.sql;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.val;

import dev.kairos.segment.condition.Comparison;
import dev.kairos.segment.condition.Comparisons;
import dev.kairos.segment.condition.Condition;
import dev.kairos.segment.condition.Operator;
import dev.kairos.segment.condition.ProfileField;
import dev.kairos.segment.condition.SegmentDefinitions;
import dev.kairos.segment.condition.Value;
import dev.kairos.segment.condition.ValueType;
import dev.kairos.segment.condition.Window;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * One condition compiled against the profiles table {@code p}: a where clause, and the derived
 * tables it reads (a person's counted events per condition), left-joined on the profile id.
 */
final class ConditionCompiler {
  /**
   * A derived table joined to the profiles, one row per profile at most; inner when every match
   * must have a row in it (the driver), else left.
   */
  record Join(Table<?> table, Field<UUID> profileId, boolean inner) {}

  private final SegmentDefinitions definitions;
  private final Instant now;
  private final ComparisonSql comparisons;
  private final List<Join> joins = new ArrayList<>();
  private final Set<String> expanding = new HashSet<>();
  private final List<Field<OffsetDateTime>> nextChanges = new ArrayList<>();
  private boolean untimed;
  private Condition.Performed driver;

  ConditionCompiler(SegmentDefinitions definitions, Instant now, Field<LocalDate> today) {
    this.definitions = definitions;
    this.now = now;
    this.comparisons = new ComparisonSql(now, today);
  }

  List<Join> joins() {
    return joins;
  }

  /**
   * When the clock alone next changes the compiled condition for a person (null: never), as the
   * in-memory evaluator finds it: the earliest next change of any of its leaves. Empty when a leaf
   * is one SQL does not time (a birthday, {@code days_since_last_order}). Valid after {@link
   * #compile} without a driver (every person's counts joined, not only those meeting one).
   */
  Optional<Field<OffsetDateTime>> nextChange() {
    if (untimed) {
      return Optional.empty();
    }
    if (nextChanges.isEmpty()) {
      return Optional.of(DSL.inline((OffsetDateTime) null, SQLDataType.TIMESTAMPWITHTIMEZONE));
    }
    Field<OffsetDateTime> first = nextChanges.get(0);
    return Optional.of(
        nextChanges.size() == 1
            ? first
            : DSL.least(first, nextChanges.subList(1, nextChanges.size()).toArray(Field[]::new)));
  }

  /** Notes the next change of a comparison of a date value (relative operators only). */
  private void timeDate(Comparison comparison, Field<?> value) {
    Operator op = comparison.op();
    if (op == Operator.ANNIVERSARY_WITHIN_DAYS) {
      untimed = true;
    } else if (op.operand() == Operator.Operand.AMOUNT) {
      nextChanges.add(comparisons.nextChange(comparison, value));
    }
  }

  /**
   * Compiles the whole condition. When one of its top-level conditions counts events and cannot
   * hold at a count of 0 ("viewed at least 3 times"), only people it holds for can match: its
   * counts, filtered first, are inner-joined and drive the query instead of every profile.
   */
  org.jooq.Condition compileTop(Condition condition) {
    List<Condition> conjuncts =
        condition instanceof Condition.And and ? and.all() : List.of(condition);
    for (Condition conjunct : conjuncts) {
      if (conjunct instanceof Condition.Performed performed && !holdsAtZero(performed.count())) {
        driver = performed;
        break;
      }
    }
    return compile(condition);
  }

  private static boolean holdsAtZero(Comparison count) {
    Comparison positive =
        new Comparison(Comparisons.positive(count.op()), count.type(), count.values());
    boolean held =
        Comparisons.holds(
            positive, new Value.Number(BigDecimal.ZERO), null, Instant.EPOCH, ZoneOffset.UTC);
    return Comparisons.isNegative(count.op()) != held;
  }

  org.jooq.Condition compile(Condition condition) {
    if (condition instanceof Condition.And and) {
      return DSL.and(and.all().stream().map(this::compile).toList());
    }
    if (condition instanceof Condition.Or or) {
      return DSL.or(or.any().stream().map(this::compile).toList());
    }
    if (condition instanceof Condition.Not not) {
      return compile(not.negated()).not();
    }
    if (condition instanceof Condition.Trait trait) {
      return trait(trait);
    }
    if (condition instanceof Condition.Field f) {
      return profileField(f);
    }
    if (condition instanceof Condition.Performed performed) {
      return performed(performed);
    }
    if (condition instanceof Condition.PerformedAt at) {
      return performedAt(at);
    }
    if (condition instanceof Condition.InSegment in) {
      return segment(in);
    }
    if (condition instanceof Condition.HasIdentifier identifier) {
      return DSL.exists(
          DSL.selectOne()
              .from(DSL.table(name("identifiers")).as("i"))
              .where(field(name("i", "profile_id"), SQLDataType.UUID).eq(ProfileColumns.ID))
              .and(field(name("i", "kind"), SQLDataType.VARCHAR).eq(val(identifier.kind()))));
    }
    return consent((Condition.Consent) condition);
  }

  /** As the in-memory evaluator reads it; never null, so that {@code not} holds for the rest. */
  private static org.jooq.Condition consent(Condition.Consent consent) {
    Field<JSONB> topics =
        field("{0} -> {1}", SQLDataType.JSONB, ProfileColumns.CONSENT, val(consent.channel()));
    if (consent.topic() == null) {
      return DSL.condition(
          "coalesce(jsonb_typeof({0}) = 'object' and jsonb_path_exists({0}, '$.* ? (@ == true)'),"
              + " false)",
          topics);
    }
    Field<JSONB> answer =
        DSL.coalesce(
            field(
                "case when jsonb_typeof({0} -> {1}) = 'boolean' then {0} -> {1} end",
                SQLDataType.JSONB, topics, val(consent.topic())),
            field("{0} -> {1}", SQLDataType.JSONB, topics, val("all")));
    return DSL.condition("coalesce({0} = 'true'::jsonb, false)", answer);
  }

  private org.jooq.Condition segment(Condition.InSegment in) {
    Optional<Condition> target = definitions.condition(in.key());
    if (target.isEmpty() || !expanding.add(in.key())) {
      return DSL.falseCondition();
    }
    org.jooq.Condition compiled = compile(target.get());
    expanding.remove(in.key());
    return compiled;
  }

  private org.jooq.Condition trait(Condition.Trait trait) {
    Field<JSONB> node =
        field("{0} -> {1}", SQLDataType.JSONB, ProfileColumns.TRAITS, val(trait.name()));
    if (trait.comparison().type() == ValueType.DATE) {
      timeDate(trait.comparison(), ComparisonSql.jsonValue(node, ValueType.DATE));
    }
    return json(trait.comparison(), node);
  }

  /** A comparison of a JSON value (a trait, an event property). */
  org.jooq.Condition json(Comparison comparison, Field<JSONB> node) {
    ValueType type = comparison.type();
    return comparisons.compare(
        comparison,
        ComparisonSql.jsonValue(node, type),
        ComparisonSql.jsonExists(node),
        type == ValueType.DATE ? ComparisonSql.jsonWrittenDate(node) : null);
  }

  private org.jooq.Condition profileField(Condition.Field condition) {
    Field<?> value =
        condition.field() == ProfileField.DAYS_SINCE_LAST_ORDER
            ? ProfileColumns.daysSinceLastOrder(comparisons.now())
            : ProfileColumns.of(condition.field());
    Field<LocalDate> date =
        condition.field().type() == ValueType.DATE ? ComparisonSql.utcDate(value) : null;
    if (condition.field() == ProfileField.DAYS_SINCE_LAST_ORDER) {
      untimed = true;
    } else if (date != null) {
      timeDate(condition.comparison(), value);
    }
    return comparisons.compare(condition.comparison(), value, value.isNotNull(), date);
  }

  private org.jooq.Condition performedAt(Condition.PerformedAt at) {
    String alias = "b" + (joins.size() + 1);
    Table<?> counted =
        DSL.select(
                field(name("profile_id"), SQLDataType.UUID).as("profile_id"),
                field(name("first_at"), SQLDataType.TIMESTAMPWITHTIMEZONE).as("first_at"),
                field(name("last_at"), SQLDataType.TIMESTAMPWITHTIMEZONE).as("last_at"))
            .from(DSL.table(name("profile_behaviour")))
            .where(field(name("event"), SQLDataType.VARCHAR).eq(val(at.event())))
            .asTable(alias);
    joins.add(new Join(counted, field(name(alias, "profile_id"), SQLDataType.UUID), false));
    Field<OffsetDateTime> value =
        field(
            name(alias, at.edge() == Condition.Edge.FIRST ? "first_at" : "last_at"),
            SQLDataType.TIMESTAMPWITHTIMEZONE);
    timeDate(at.comparison(), value);
    return comparisons.compare(
        at.comparison(), value, value.isNotNull(), ComparisonSql.utcDate(value));
  }

  private org.jooq.Condition performed(Condition.Performed performed) {
    String alias = "b" + (joins.size() + 1);
    Table<?> counted =
        performed.where().isEmpty() && !(performed.window() instanceof Window.WithinHours)
            ? BehaviourTables.counted(performed.event(), performed.window(), now, alias)
            : new EventLogCount(this).counted(performed, now, alias);
    Field<BigDecimal> count =
        field("coalesce({0}, 0)::numeric", SQLDataType.NUMERIC, field(name(alias, "n")));
    timeWindow(performed.window(), alias);
    org.jooq.Condition held =
        comparisons.compare(performed.count(), count, DSL.trueCondition(), null);
    if (performed == driver) {
      String all = alias + "_all";
      Field<BigDecimal> n =
          field("coalesce({0}, 0)::numeric", SQLDataType.NUMERIC, field(name(all, "n")));
      counted =
          DSL.select(
                  field(name(all, "profile_id"), SQLDataType.UUID).as("profile_id"),
                  field(name(all, "n")).as("n"))
              .from(counted.as(all))
              .where(comparisons.compare(performed.count(), n, DSL.trueCondition(), null))
              .asTable(alias);
    }
    joins.add(
        new Join(counted, field(name(alias, "profile_id"), SQLDataType.UUID), performed == driver));
    return held;
  }

  /**
   * A count over the last days drops when its oldest day leaves the window (midnight UTC {@code
   * days + 1} days after it); over the last hours, when its oldest event does. The counted tables
   * carry that oldest day or instant as {@code oldest}.
   */
  private void timeWindow(Window window, String alias) {
    Field<Object> oldest = field(name(alias, "oldest"));
    if (window instanceof Window.WithinDays within) {
      nextChanges.add(ComparisonSql.midnightAfter(oldest, within.days() + 1));
    } else if (window instanceof Window.WithinHours within) {
      nextChanges.add(
          ComparisonSql.shifted(
              field("{0}", SQLDataType.TIMESTAMPWITHTIMEZONE, oldest), within.hours() * 3600L));
    }
  }

  /** The first UTC day a {@code within_days} window counts. */
  static LocalDate windowStart(Instant now, Window.WithinDays within) {
    return Comparisons.utcDate(now).minusDays(within.days());
  }
}
