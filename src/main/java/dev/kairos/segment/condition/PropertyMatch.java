package dev.kairos.segment.condition;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Whether an event's properties meet a property filter. Through an array step the positive
 * operators hold when any item holds; the negative ones are their negation (no item equal).
 * Relative date operators do not apply to properties (the parser refuses them).
 */
final class PropertyMatch {
  private PropertyMatch() {}

  static boolean holds(PropertyFilter filter, JsonNode properties) {
    Comparison comparison = filter.comparison();
    Comparison positive =
        new Comparison(
            Comparisons.positive(comparison.op()), comparison.type(), comparison.values());
    boolean any = any(filter, positive, properties, 0);
    return Comparisons.isNegative(comparison.op()) != any;
  }

  private static boolean any(PropertyFilter filter, Comparison positive, JsonNode node, int step) {
    if (node == null) {
      return false;
    }
    if (step == filter.steps().size()) {
      return test(positive, node);
    }
    JsonNode child = node.isObject() ? node.get(filter.steps().get(step)) : null;
    if (step == filter.arrayStep()) {
      if (child == null || !child.isArray()) {
        return false;
      }
      for (JsonNode item : child) {
        if (any(filter, positive, item, step + 1)) {
          return true;
        }
      }
      return false;
    }
    return any(filter, positive, child, step + 1);
  }

  private static boolean test(Comparison positive, JsonNode node) {
    Value value;
    if (positive.op() == Operator.EXISTS) {
      value = node.isNull() ? null : new Value.Text("");
    } else {
      value = Comparisons.read(node, positive.type());
    }
    LocalDate date = value instanceof Value.Moment ? Comparisons.writtenDate(value) : null;
    return Comparisons.holds(positive, value, date, Instant.EPOCH, ZoneOffset.UTC);
  }
}
