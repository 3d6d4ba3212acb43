package dev.kairos.segment.condition;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * What a comparison says of a value seen, the one definition both evaluators follow. The negative
 * operators ({@code neq}, {@code not_in}, {@code not_exists}) are exactly the negation of their
 * positive ones: a person without the value is not equal to anything. Relative dates are half-open
 * so the answer changes exactly at an instant: {@code within_last_days N} holds while {@code t <=
 * now < t + N days}, {@code more_than_days_ago N} from {@code t + N days} on, {@code
 * within_next_days N} while {@code t - N days <= now < t}.
 */
public final class Comparisons {
  private Comparisons() {}

  public static boolean isNegative(Operator op) {
    return op == Operator.NEQ || op == Operator.NOT_IN || op == Operator.NOT_EXISTS;
  }

  /** The positive operator a negative one negates. */
  public static Operator positive(Operator op) {
    switch (op) {
      case NEQ:
        return Operator.EQ;
      case NOT_IN:
        return Operator.IN;
      case NOT_EXISTS:
        return Operator.EXISTS;
      default:
        return op;
    }
  }

  /**
   * Whether a positive operator holds for the value seen (null: none, or not of the comparison's
   * type). {@code anniversary_within_days} reads the value's calendar date, {@code date}.
   */
  public static boolean holds(
      Comparison comparison, Value seen, LocalDate date, Instant now, ZoneId zone) {
    Operator op = comparison.op();
    if (op == Operator.EXISTS) {
      return seen != null;
    }
    if (seen == null) {
      return false;
    }
    List<Value> values = comparison.values();
    switch (op) {
      case EQ:
        return same(seen, values.get(0));
      case IN:
        return values.stream().anyMatch(v -> same(seen, v));
      case CONTAINS:
        return text(seen).contains(text(values.get(0)));
      case STARTS_WITH:
        return text(seen).startsWith(text(values.get(0)));
      case GT:
        return number(seen).compareTo(number(values.get(0))) > 0;
      case GTE:
        return number(seen).compareTo(number(values.get(0))) >= 0;
      case LT:
        return number(seen).compareTo(number(values.get(0))) < 0;
      case LTE:
        return number(seen).compareTo(number(values.get(0))) <= 0;
      case BETWEEN:
        return between(seen, values.get(0), values.get(1));
      case BEFORE:
        return instant(seen).isBefore(instant(values.get(0)));
      case AFTER:
        return instant(seen).isAfter(instant(values.get(0)));
      case ANNIVERSARY_WITHIN_DAYS:
        return ChronoUnit.DAYS.between(today(now, zone), nextAnniversary(date, today(now, zone)))
            <= amount(values.get(0));
      default:
        return relative(op, instant(seen), amount(values.get(0)), now);
    }
  }

  /** The within/more-than operators, on an instant. */
  static boolean relative(Operator op, Instant t, long amount, Instant now) {
    Duration span = span(op, amount);
    switch (op) {
      case WITHIN_LAST_DAYS:
      case WITHIN_LAST_HOURS:
        return !t.isAfter(now) && t.isAfter(now.minus(span));
      case MORE_THAN_DAYS_AGO:
      case MORE_THAN_HOURS_AGO:
        return !t.isAfter(now.minus(span));
      case WITHIN_NEXT_DAYS:
        return t.isAfter(now) && !t.isAfter(now.plus(span));
      default:
        throw new IllegalArgumentException(op.key());
    }
  }

  /** The length a relative operator's amount stands for. */
  public static Duration span(Operator op, long amount) {
    return op.key().contains("hours") ? Duration.ofHours(amount) : Duration.ofDays(amount);
  }

  /** The person's date today. */
  public static LocalDate today(Instant now, ZoneId zone) {
    return LocalDate.ofInstant(now, zone);
  }

  /**
   * The first anniversary of {@code date} on or after {@code today}: the date moved by whole years
   * (29 February becomes 28 February in other years).
   */
  public static LocalDate nextAnniversary(LocalDate date, LocalDate today) {
    LocalDate thisYear = date.plusYears((long) today.getYear() - date.getYear());
    return thisYear.isBefore(today)
        ? date.plusYears((long) today.getYear() - date.getYear() + 1)
        : thisYear;
  }

  /** The calendar date of an instant a field or an event holds (UTC). */
  public static LocalDate utcDate(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }

  /** A JSON value read as the type: null when it is absent or of another type. */
  public static Value read(JsonNode node, ValueType type) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    switch (type) {
      case STRING:
        return node.isTextual() ? new Value.Text(node.asText()) : null;
      case NUMBER:
        return node.isNumber()
            ? ValueReader.decimal(node).map(Value.Number::new).orElse(null)
            : null;
      case BOOLEAN:
        return node.isBoolean() ? new Value.Bool(node.asBoolean()) : null;
      default:
        if (!node.isTextual()) {
          return null;
        }
        Optional<Instant> instant = DateText.parse(node.asText());
        return instant.map(i -> (Value) new Value.Moment(i, node.asText())).orElse(null);
    }
  }

  /** The calendar date a date value is written with (its first ten characters). */
  public static LocalDate writtenDate(Value value) {
    Value.Moment moment = (Value.Moment) value;
    return LocalDate.parse(moment.text().substring(0, 10));
  }

  private static boolean same(Value seen, Value value) {
    if (seen instanceof Value.Number a && value instanceof Value.Number b) {
      return a.number().compareTo(b.number()) == 0;
    }
    if (seen instanceof Value.Moment a && value instanceof Value.Moment b) {
      return a.instant().equals(b.instant());
    }
    return seen.equals(value);
  }

  private static boolean between(Value seen, Value low, Value high) {
    if (seen instanceof Value.Number n) {
      return n.number().compareTo(number(low)) >= 0 && n.number().compareTo(number(high)) <= 0;
    }
    Instant t = instant(seen);
    return !t.isBefore(instant(low)) && !t.isAfter(instant(high));
  }

  static String text(Value value) {
    return ((Value.Text) value).text();
  }

  static BigDecimal number(Value value) {
    return ((Value.Number) value).number();
  }

  static Instant instant(Value value) {
    return ((Value.Moment) value).instant();
  }

  static long amount(Value value) {
    return ((Value.Amount) value).amount();
  }
}
