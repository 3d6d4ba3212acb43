package dev.kairos.journey;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * A condition on an event's properties, as in the segment language's {@code where}: {@code
 * {"property": "total", "op": "gte", "value": 50}}. A dotted property reads nested objects.
 */
public record PropertyCondition(String property, String op, JsonNode value) {
  public static final Set<String> OPS =
      Set.of("eq", "neq", "gt", "gte", "lt", "lte", "contains", "exists", "not_exists");

  public static boolean all(List<PropertyCondition> conditions, JsonNode properties) {
    return conditions.stream().allMatch(c -> c.holds(properties));
  }

  public boolean holds(JsonNode properties) {
    JsonNode actual = properties == null ? null : properties;
    for (String part : property.split("\\.")) {
      actual = actual == null ? null : actual.get(part);
    }
    boolean present = actual != null && !actual.isNull();
    return switch (op) {
      case "exists" -> present;
      case "not_exists" -> !present;
      case "eq" -> present && equal(actual, value);
      case "neq" -> !present || !equal(actual, value);
      case "contains" -> present && actual.asText().contains(value.asText());
      default -> present && actual.isNumber() == value.isNumber() && compare(actual, value);
    };
  }

  private static boolean equal(JsonNode actual, JsonNode expected) {
    if (actual.isNumber() && expected.isNumber()) {
      return actual.decimalValue().compareTo(expected.decimalValue()) == 0;
    }
    return actual.asText().equals(expected.asText());
  }

  private boolean compare(JsonNode actual, JsonNode expected) {
    int c =
        actual.isNumber()
            ? actual.decimalValue().compareTo(expected.decimalValue())
            : actual.asText().compareTo(expected.asText());
    return switch (op) {
      case "gt" -> c > 0;
      case "gte" -> c >= 0;
      case "lt" -> c < 0;
      case "lte" -> c <= 0;
      default -> false;
    };
  }
}
