package dev.kairos.segment.condition;

import static dev.kairos.segment.condition.ValueType.BOOLEAN;
import static dev.kairos.segment.condition.ValueType.DATE;
import static dev.kairos.segment.condition.ValueType.NUMBER;
import static dev.kairos.segment.condition.ValueType.STRING;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The operators of a comparison, each with the value types it applies to and the operand it takes.
 */
public enum Operator {
  EQ(Operand.ONE, STRING, NUMBER, BOOLEAN),
  NEQ(Operand.ONE, STRING, NUMBER, BOOLEAN),
  IN(Operand.LIST, STRING, NUMBER),
  NOT_IN(Operand.LIST, STRING, NUMBER),
  CONTAINS(Operand.ONE, STRING),
  STARTS_WITH(Operand.ONE, STRING),
  EXISTS(Operand.NONE, STRING, NUMBER, BOOLEAN, DATE),
  NOT_EXISTS(Operand.NONE, STRING, NUMBER, BOOLEAN, DATE),
  GT(Operand.ONE, NUMBER),
  GTE(Operand.ONE, NUMBER),
  LT(Operand.ONE, NUMBER),
  LTE(Operand.ONE, NUMBER),
  BETWEEN(Operand.PAIR, NUMBER, DATE),
  BEFORE(Operand.ONE, DATE),
  AFTER(Operand.ONE, DATE),
  WITHIN_LAST_DAYS(Operand.AMOUNT, DATE),
  WITHIN_LAST_HOURS(Operand.AMOUNT, DATE),
  MORE_THAN_DAYS_AGO(Operand.AMOUNT, DATE),
  MORE_THAN_HOURS_AGO(Operand.AMOUNT, DATE),
  WITHIN_NEXT_DAYS(Operand.AMOUNT, DATE),
  ANNIVERSARY_WITHIN_DAYS(Operand.AMOUNT, DATE);

  /** What the {@code value} of a comparison is. */
  public enum Operand {
    /** no value */
    NONE,
    /** one value of the type */
    ONE,
    /** a non-empty array of values of the type */
    LIST,
    /** an array of two values of the type, lower first (both ends included) */
    PAIR,
    /** a whole number of days or hours, 0 or more */
    AMOUNT
  }

  private final Operand operand;
  private final Set<ValueType> types;

  Operator(Operand operand, ValueType first, ValueType... rest) {
    this.operand = operand;
    this.types = EnumSet.of(first, rest);
  }

  public Operand operand() {
    return operand;
  }

  public boolean appliesTo(ValueType type) {
    return types.contains(type);
  }

  public Set<ValueType> types() {
    return types;
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Operator> of(String key) {
    for (Operator op : values()) {
      if (op.key().equals(key)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }
}
