package dev.kairos.segment.condition;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the {@code value} of a comparison as its operator and type want it. */
final class ValueReader {
  private final ConditionParser.Run run;
  private final Limits limits;
  private final String at;
  private final ValueType type;
  private final Operator op;

  ValueReader(ConditionParser.Run run, Limits limits, String at, ValueType type, Operator op) {
    this.run = run;
    this.limits = limits;
    this.at = at;
    this.type = type;
    this.op = op;
  }

  Optional<List<Value>> values(JsonNode value) {
    switch (op.operand()) {
      case NONE:
        if (value != null) {
          run.problem(at, op.key() + " takes no value");
          return Optional.empty();
        }
        return Optional.of(List.of());
      case ONE:
        return one(value, at).map(List::of);
      case AMOUNT:
        return amount(value).map(List::of);
      case LIST:
        return list(value);
      default:
        return pair(value);
    }
  }

  private Optional<Value> amount(JsonNode value) {
    long max =
        op.key().endsWith("_hours") || op.key().endsWith("hours_ago")
            ? 24L * limits.maxDays()
            : limits.maxDays();
    String unit = max == limits.maxDays() ? "days" : "hours";
    if (value == null || !value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > max) {
      run.problem(at, "must be a whole number of " + unit + " from 0 to " + max);
      return Optional.empty();
    }
    return Optional.of(new Value.Amount(value.asLong()));
  }

  private Optional<List<Value>> list(JsonNode value) {
    if (value == null
        || !value.isArray()
        || value.isEmpty()
        || value.size() > limits.maxListValues()) {
      run.problem(at, "must be an array of 1 to " + limits.maxListValues() + " values");
      return Optional.empty();
    }
    return elements(value);
  }

  private Optional<List<Value>> pair(JsonNode value) {
    if (value == null || !value.isArray() || value.size() != 2) {
      run.problem(at, "must be an array of two " + type.key() + " values, the lower first");
      return Optional.empty();
    }
    Optional<List<Value>> values = elements(value);
    if (values.isPresent() && compare(values.get().get(0), values.get().get(1)) > 0) {
      run.problem(at, "the first value must not be greater than the second");
      return Optional.empty();
    }
    return values;
  }

  private Optional<List<Value>> elements(JsonNode array) {
    List<Value> values = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < array.size(); i++) {
      Optional<Value> one = one(array.get(i), at + "[" + i + "]");
      ok &= one.isPresent();
      one.ifPresent(values::add);
    }
    return ok ? Optional.of(values) : Optional.empty();
  }

  private static int compare(Value a, Value b) {
    if (a instanceof Value.Number x && b instanceof Value.Number y) {
      return x.number().compareTo(y.number());
    }
    if (a instanceof Value.Moment x && b instanceof Value.Moment y) {
      return x.instant().compareTo(y.instant());
    }
    return 0;
  }

  private Optional<Value> one(JsonNode value, String where) {
    if (value == null || value.isNull()) {
      run.problem(where, "must be a " + type.key() + " value");
      return Optional.empty();
    }
    switch (type) {
      case STRING:
        if (!value.isTextual() || value.asText().length() > limits.maxStringLength()) {
          run.problem(
              where, "must be a string of at most " + limits.maxStringLength() + " characters");
          return Optional.empty();
        }
        return Optional.of(new Value.Text(value.asText()));
      case NUMBER:
        Optional<BigDecimal> number = value.isNumber() ? decimal(value) : Optional.empty();
        if (number.isEmpty()) {
          run.problem(where, "must be a finite number");
          return Optional.empty();
        }
        return Optional.of(new Value.Number(number.get()));
      case BOOLEAN:
        if (!value.isBoolean()) {
          run.problem(where, "must be true or false");
          return Optional.empty();
        }
        return Optional.of(new Value.Bool(value.asBoolean()));
      default:
        Optional<Instant> instant =
            value.isTextual() ? DateText.parse(value.asText()) : Optional.empty();
        if (instant.isEmpty()) {
          run.problem(
              where,
              "must be an ISO date (2026-05-01) or date-time with offset (2026-05-01T09:30:00Z)");
          return Optional.empty();
        }
        return Optional.of(new Value.Moment(instant.get(), value.asText()));
    }
  }

  /** The number as written: 0.1 is 0.1, not the double nearest to it. */
  static Optional<BigDecimal> decimal(JsonNode number) {
    if (number.isBigDecimal() || number.isIntegralNumber()) {
      return Optional.of(number.decimalValue());
    }
    try {
      return Optional.of(new BigDecimal(number.asText()));
    } catch (NumberFormatException e) {
      return Optional.empty(); // Infinity, NaN
    }
  }
}
