package dev.kairos.segment.condition;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads one leaf condition (trait, field, performed, first/last performed) for a parse run. */
final class LeafParser {
  private static final Set<Operator> COUNT_OPERATORS =
      Set.of(
          Operator.EQ,
          Operator.NEQ,
          Operator.GT,
          Operator.GTE,
          Operator.LT,
          Operator.LTE,
          Operator.BETWEEN);
  private static final BigDecimal MAX_COUNT = BigDecimal.valueOf(1_000_000_000);
  private static final int MAX_WHERE = 20;

  private final ConditionParser.Run run;
  private final JsonNode json;
  private final String path;
  private final Limits limits;

  LeafParser(ConditionParser.Run run, JsonNode json, String path) {
    this.run = run;
    this.json = json;
    this.path = path;
    this.limits = run.limits();
  }

  Condition trait() {
    run.onlyKeys(json, path, Set.of("trait", "type", "op", "value"));
    Optional<String> name = run.text(json, path, "trait");
    Optional<Comparison> comparison = typedComparison(json, path);
    return name.isPresent() && comparison.isPresent()
        ? new Condition.Trait(name.get(), comparison.get())
        : null;
  }

  Condition field() {
    run.onlyKeys(json, path, Set.of("field", "op", "value"));
    Optional<String> name = run.text(json, path, "field");
    if (name.isEmpty()) {
      return null;
    }
    Optional<ProfileField> field = ProfileField.of(name.get());
    if (field.isEmpty()) {
      List<String> known = Arrays.stream(ProfileField.values()).map(ProfileField::key).toList();
      run.problem(path + ".field", "unknown field " + name.get() + " (known: " + known + ")");
      return null;
    }
    return comparison(json, path, field.get().type())
        .map(c -> new Condition.Field(field.get(), c))
        .orElse(null);
  }

  Condition performed() {
    run.onlyKeys(
        json,
        path,
        Set.of("performed", "where", "count", "within_days", "within_hours", "between"));
    Optional<String> event = run.text(json, path, "performed");
    List<PropertyFilter> where = where();
    Optional<Comparison> count = count();
    Optional<Window> window = window();
    if (event.isEmpty() || where == null || count.isEmpty() || window.isEmpty()) {
      return null;
    }
    return new Condition.Performed(event.get(), where, count.get(), window.get());
  }

  Condition performedAt(Condition.Edge edge) {
    run.onlyKeys(json, path, Set.of(edge.key(), "op", "value"));
    Optional<String> event = run.text(json, path, edge.key());
    Optional<Comparison> comparison = comparison(json, path, ValueType.DATE);
    return event.isPresent() && comparison.isPresent()
        ? new Condition.PerformedAt(edge, event.get(), comparison.get())
        : null;
  }

  private List<PropertyFilter> where() {
    JsonNode where = json.get("where");
    if (where == null) {
      return List.of();
    }
    String at = path + ".where";
    if (!where.isArray() || where.isEmpty() || where.size() > MAX_WHERE) {
      run.problem(at, "must be an array of 1 to " + MAX_WHERE + " property conditions");
      return null;
    }
    List<PropertyFilter> filters = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < where.size(); i++) {
      Optional<PropertyFilter> filter = propertyFilter(where.get(i), at + "[" + i + "]");
      ok &= filter.isPresent();
      filter.ifPresent(filters::add);
    }
    return ok ? filters : null;
  }

  private Optional<PropertyFilter> propertyFilter(JsonNode filter, String at) {
    if (!filter.isObject()) {
      run.problem(at, "must be an object: {\"property\", \"op\", \"value\"}");
      return Optional.empty();
    }
    run.onlyKeys(filter, at, Set.of("property", "type", "op", "value"));
    Optional<String> property = run.text(filter, at, "property");
    Optional<PropertyPath> parsed = property.flatMap(p -> PropertyPath.parse(p));
    if (property.isPresent() && parsed.isEmpty()) {
      run.problem(
          at + ".property",
          "must be names joined by dots, one of them at most ending in [] (products[].category)");
    }
    Optional<Comparison> comparison = typedComparison(filter, at);
    if (parsed.isEmpty() || comparison.isEmpty()) {
      return Optional.empty();
    }
    if (comparison.get().op().operand() == Operator.Operand.AMOUNT) {
      run.problem(
          at + ".op", "relative dates do not apply to event properties (use before, after)");
      return Optional.empty();
    }
    return Optional.of(
        new PropertyFilter(
            property.get(), parsed.get().steps(), parsed.get().arrayStep(), comparison.get()));
  }

  private Optional<Comparison> count() {
    JsonNode count = json.get("count");
    if (count == null) {
      return Optional.of(Comparison.AT_LEAST_ONCE);
    }
    String at = path + ".count";
    if (!count.isObject()) {
      run.problem(at, "must be an object: {\"op\", \"value\"}");
      return Optional.empty();
    }
    run.onlyKeys(count, at, Set.of("op", "value"));
    Optional<Comparison> comparison = comparison(count, at, ValueType.NUMBER);
    if (comparison.isEmpty()) {
      return comparison;
    }
    if (!COUNT_OPERATORS.contains(comparison.get().op())) {
      run.problem(at + ".op", "a count compares with eq, neq, gt, gte, lt, lte or between");
      return Optional.empty();
    }
    for (Value value : comparison.get().values()) {
      BigDecimal n = ((Value.Number) value).number();
      if (n.signum() < 0 || n.compareTo(MAX_COUNT) > 0 || n.stripTrailingZeros().scale() > 0) {
        run.problem(at + ".value", "a count is a whole number from 0 to " + MAX_COUNT);
        return Optional.empty();
      }
    }
    return comparison;
  }

  private Optional<Window> window() {
    JsonNode days = json.get("within_days");
    JsonNode hours = json.get("within_hours");
    JsonNode between = json.get("between");
    if ((days != null ? 1 : 0) + (hours != null ? 1 : 0) + (between != null ? 1 : 0) > 1) {
      run.problem(path, "give one of within_days, within_hours and between");
      return Optional.empty();
    }
    if (hours != null) {
      long max = 24L * limits.maxDays();
      if (!hours.isIntegralNumber() || hours.asLong() < 0 || hours.asLong() > max) {
        run.problem(path + ".within_hours", "must be a whole number of hours from 0 to " + max);
        return Optional.empty();
      }
      return Optional.of(new Window.WithinHours(hours.asInt()));
    }
    if (days != null) {
      if (!days.isIntegralNumber() || days.asLong() < 0 || days.asLong() > limits.maxDays()) {
        run.problem(
            path + ".within_days", "must be a whole number of days from 0 to " + limits.maxDays());
        return Optional.empty();
      }
      return Optional.of(new Window.WithinDays(days.asInt()));
    }
    if (between != null) {
      String at = path + ".between";
      if (!between.isArray() || between.size() != 2) {
        run.problem(at, "must be two dates, [\"2026-01-01\", \"2026-01-31\"]");
        return Optional.empty();
      }
      Optional<LocalDate> from = DateText.parseDate(between.get(0).asText(null));
      Optional<LocalDate> to = DateText.parseDate(between.get(1).asText(null));
      if (from.isEmpty()
          || to.isEmpty()
          || !between.get(0).isTextual()
          || !between.get(1).isTextual()) {
        run.problem(at, "must be two ISO dates (YYYY-MM-DD)");
        return Optional.empty();
      }
      if (from.get().isAfter(to.get())) {
        run.problem(at, "the first date must not be after the second");
        return Optional.empty();
      }
      return Optional.of(new Window.Between(from.get(), to.get()));
    }
    return Optional.of(new Window.Ever());
  }

  /** A comparison whose type is given ({@code "type"}) or read from its operator and value. */
  private Optional<Comparison> typedComparison(JsonNode node, String at) {
    JsonNode type = node.get("type");
    if (type != null) {
      Optional<ValueType> given = type.isTextual() ? ValueType.of(type.asText()) : Optional.empty();
      if (given.isEmpty()) {
        run.problem(at + ".type", "unknown type (known: string, number, boolean, date)");
        return Optional.empty();
      }
      return comparison(node, at, given.get());
    }
    return comparison(node, at, inferredType(node));
  }

  private static ValueType inferredType(JsonNode node) {
    Optional<Operator> op = Operator.of(node.path("op").asText(""));
    if (op.isPresent()) {
      Operator o = op.get();
      if (o.operand() == Operator.Operand.AMOUNT || o == Operator.BEFORE || o == Operator.AFTER) {
        return ValueType.DATE;
      }
    }
    JsonNode value = node.path("value");
    JsonNode sample = value.isArray() && !value.isEmpty() ? value.get(0) : value;
    if (sample.isNumber()) {
      return ValueType.NUMBER;
    }
    if (sample.isBoolean()) {
      return ValueType.BOOLEAN;
    }
    if (op.isPresent() && op.get() == Operator.BETWEEN) {
      return ValueType.DATE;
    }
    return ValueType.STRING;
  }

  Optional<Comparison> comparison(JsonNode node, String at, ValueType type) {
    Optional<String> opName = run.text(node, at, "op");
    if (opName.isEmpty()) {
      return Optional.empty();
    }
    Optional<Operator> op = Operator.of(opName.get());
    if (op.isEmpty()) {
      run.problem(at + ".op", "unknown operator " + opName.get());
      return Optional.empty();
    }
    if (!op.get().appliesTo(type)) {
      run.problem(
          at + ".op",
          op.get().key()
              + " does not apply to "
              + type.key()
              + " values (it applies to "
              + op.get().types().stream().map(ValueType::key).sorted().toList()
              + ")");
      return Optional.empty();
    }
    return new ValueReader(run, limits, at + ".value", type, op.get())
        .values(node.get("value"))
        .map(values -> new Comparison(op.get(), type, values));
  }
}
