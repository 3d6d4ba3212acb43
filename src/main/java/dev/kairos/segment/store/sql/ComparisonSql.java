package dev.kairos.segment.store.sql;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.val;

import dev.kairos.segment.condition.Comparison;
import dev.kairos.segment.condition.Comparisons;
import dev.kairos.segment.condition.Operator;
import dev.kairos.segment.condition.Value;
import dev.kairos.segment.condition.ValueType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * A comparison as SQL, following {@link Comparisons}: the value compared is an expression that is
 * null when the person has no value of the type; the result is never null (a missing value is
 * false, and the negative operators are the negation of that), so {@code not} and {@code or} mean
 * in SQL what they mean in memory. Every value is a bind parameter.
 */
final class ComparisonSql {
  private final Field<OffsetDateTime> now;
  private final Instant nowInstant;
  private final Field<LocalDate> today;

  /**
   * @param today the person's date today (their time zone), for birthdays
   */
  ComparisonSql(Instant now, Field<LocalDate> today) {
    this.nowInstant = now;
    this.now = moment(now);
    this.today = today;
  }

  Field<OffsetDateTime> now() {
    return now;
  }

  /**
   * @param value the value seen, typed as the comparison's type (null when absent)
   * @param exists whether the person has a value at all (for {@code exists}, any type)
   * @param date the calendar date of a date value (for birthdays), else null
   */
  Condition compare(
      Comparison comparison, Field<?> value, Condition exists, Field<LocalDate> date) {
    Operator positive = Comparisons.positive(comparison.op());
    Condition held =
        positive == Operator.EXISTS ? exists : definite(holds(positive, comparison, value, date));
    return Comparisons.isNegative(comparison.op()) ? held.not() : held;
  }

  @SuppressWarnings("unchecked")
  private Condition holds(
      Operator op, Comparison comparison, Field<?> value, Field<LocalDate> date) {
    List<Value> values = comparison.values();
    Field<Object> v = (Field<Object>) value;
    switch (op) {
      case EQ:
        return v.eq(bind(values.get(0)));
      case IN:
        return v.in(values.stream().map(ComparisonSql::bind).toList());
      case CONTAINS:
        return DSL.condition("strpos({0}, {1}) > 0", value, bind(values.get(0)));
      case STARTS_WITH:
        return DSL.condition("starts_with({0}, {1})", value, bind(values.get(0)));
      case GT:
      case AFTER:
        return v.gt(bind(values.get(0)));
      case GTE:
        return v.ge(bind(values.get(0)));
      case LT:
      case BEFORE:
        return v.lt(bind(values.get(0)));
      case LTE:
        return v.le(bind(values.get(0)));
      case BETWEEN:
        return v.ge(bind(values.get(0))).and(v.le(bind(values.get(1))));
      case ANNIVERSARY_WITHIN_DAYS:
        return anniversaryWithin(date, ((Value.Amount) values.get(0)).amount());
      default:
        return relative(op, v, ((Value.Amount) values.get(0)).amount());
    }
  }

  /** The relative operators, their edges computed here (in Java) and bound. */
  private Condition relative(Operator op, Field<Object> v, long amount) {
    var span = Comparisons.span(op, amount);
    switch (op) {
      case WITHIN_LAST_DAYS:
      case WITHIN_LAST_HOURS:
        return v.le(now).and(v.gt(moment(nowInstant.minus(span))));
      case MORE_THAN_DAYS_AGO:
      case MORE_THAN_HOURS_AGO:
        return v.le(moment(nowInstant.minus(span)));
      default:
        return v.gt(now).and(v.le(moment(nowInstant.plus(span))));
    }
  }

  /** The next anniversary of {@code date} on or after today is at most {@code days} away. */
  private Condition anniversaryWithin(Field<LocalDate> date, long days) {
    Field<Integer> years =
        field(
            "(extract(year from {0}) - extract(year from {1}))::int",
            SQLDataType.INTEGER, today, date);
    Field<LocalDate> thisYear =
        field("({0} + make_interval(years => {1}))::date", SQLDataType.LOCALDATE, date, years);
    Field<LocalDate> nextYear =
        field("({0} + make_interval(years => {1} + 1))::date", SQLDataType.LOCALDATE, date, years);
    Field<LocalDate> next = DSL.when(thisYear.lt(today), nextYear).otherwise(thisYear);
    return date.isNotNull()
        .and(DSL.condition("({0} - {1}) <= {2}", next, today, val(days, SQLDataType.BIGINT)));
  }

  /**
   * When the clock alone next changes a relative comparison ({@code within_last_days}, {@code
   * more_than_hours_ago} …) of the date {@code value}, exactly as the in-memory evaluator's
   * NextChanges.ofDate decides it: null where it never does. Not for birthdays.
   */
  Field<OffsetDateTime> nextChange(Comparison comparison, Field<?> value) {
    Operator op = comparison.op();
    long seconds =
        Comparisons.span(op, ((Value.Amount) comparison.values().get(0)).amount()).toSeconds();
    Field<OffsetDateTime> t = field("{0}", SQLDataType.TIMESTAMPWITHTIMEZONE, value);
    Field<OffsetDateTime> plus = shifted(t, seconds);
    switch (op) {
      case WITHIN_LAST_DAYS:
      case WITHIN_LAST_HOURS:
        return DSL.when(t.gt(now), t).when(plus.gt(now), plus);
      case MORE_THAN_DAYS_AGO:
      case MORE_THAN_HOURS_AGO:
        return DSL.when(plus.gt(now), plus);
      default: // within_next
        Field<OffsetDateTime> minus = shifted(t, -seconds);
        return DSL.when(minus.gt(now), minus).when(t.gt(now), t);
    }
  }

  /** {@code t} moved by whole seconds. */
  static Field<OffsetDateTime> shifted(Field<OffsetDateTime> t, long seconds) {
    return field(
        "({0} + {1} * interval '1 second')",
        SQLDataType.TIMESTAMPWITHTIMEZONE, t, val(seconds, SQLDataType.BIGINT));
  }

  /** Midnight UTC {@code days} days after the date {@code day}. */
  static Field<OffsetDateTime> midnightAfter(Field<?> day, int days) {
    return field(
        "(({0} + {1})::timestamp at time zone 'UTC')",
        SQLDataType.TIMESTAMPWITHTIMEZONE, day, val(days, SQLDataType.INTEGER));
  }

  /** A condition that is false where SQL would say unknown. */
  static Condition definite(Condition condition) {
    return DSL.condition(DSL.coalesce(DSL.field(condition), DSL.inline(false)));
  }

  static Field<?> bind(Value value) {
    if (value instanceof Value.Text text) {
      return val(text.text(), SQLDataType.VARCHAR);
    }
    if (value instanceof Value.Number number) {
      return val(number.number(), SQLDataType.NUMERIC);
    }
    if (value instanceof Value.Bool bool) {
      return val(bool.bool(), SQLDataType.BOOLEAN);
    }
    if (value instanceof Value.Moment moment) {
      return moment(moment.instant());
    }
    return val(((Value.Amount) value).amount(), SQLDataType.BIGINT);
  }

  static Field<OffsetDateTime> moment(Instant instant) {
    return val(
        OffsetDateTime.ofInstant(instant, ZoneOffset.UTC), SQLDataType.TIMESTAMPWITHTIMEZONE);
  }

  // --- values read from JSON (traits, event properties)

  /** A JSON value read as the type: null when absent, JSON null, or of another type. */
  static Field<?> jsonValue(Field<JSONB> node, ValueType type) {
    switch (type) {
      case STRING:
        return field(
            "case when jsonb_typeof({0}) = 'string' then {0} #>> '{}' end",
            SQLDataType.VARCHAR, node);
      case NUMBER:
        return field(
            "case when jsonb_typeof({0}) = 'number' then ({0} #>> '{}')::numeric end",
            SQLDataType.NUMERIC, node);
      case BOOLEAN:
        return field(
            "case when jsonb_typeof({0}) = 'boolean' then ({0} #>> '{}')::boolean end",
            SQLDataType.BOOLEAN, node);
      default:
        return field(
            "case when jsonb_typeof({0}) = 'string' then segment_date_value({0} #>> '{}') end",
            SQLDataType.TIMESTAMPWITHTIMEZONE, node);
    }
  }

  /** The calendar date a JSON date is written with (its first ten characters). */
  static Field<LocalDate> jsonWrittenDate(Field<JSONB> node) {
    return field(
        "case when jsonb_typeof({0}) = 'string' and segment_date_value({0} #>> '{}') is not null"
            + " then left({0} #>> '{}', 10)::date end",
        SQLDataType.LOCALDATE, node);
  }

  /** The JSON value is there and not JSON null. */
  static Condition jsonExists(Field<JSONB> node) {
    return DSL.condition("coalesce(jsonb_typeof({0}), 'null') <> 'null'", node);
  }

  /** The UTC calendar date of an instant. */
  static Field<LocalDate> utcDate(Field<?> instant) {
    return field("({0} at time zone 'UTC')::date", SQLDataType.LOCALDATE, instant);
  }
}
