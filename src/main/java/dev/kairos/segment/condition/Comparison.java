package dev.kairos.segment.condition;

import java.util.List;

/**
 * An operator, the type the compared value is read as, and the operator's values (none for {@code
 * exists}, one, a list for {@code in}, two for {@code between}).
 */
public record Comparison(Operator op, ValueType type, List<Value> values) {
  public Comparison {
    values = List.copyOf(values);
  }

  /** "At least once": the count of a {@code performed} condition that gives none. */
  public static final Comparison AT_LEAST_ONCE =
      new Comparison(
          Operator.GTE, ValueType.NUMBER, List.of(new Value.Number(java.math.BigDecimal.ONE)));

  public Value value() {
    return values.get(0);
  }
}
