package dev.kairos.journey;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the fields of one JSON object of a journey document, collecting a problem for each bad one.
 */
final class Fields {
  private final JsonNode node;
  private final String path;
  private final List<DefinitionProblem> problems;

  Fields(JsonNode node, String path, List<DefinitionProblem> problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  List<DefinitionProblem> problems() {
    return problems;
  }

  String path(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  void problem(String field, String message) {
    problems.add(new DefinitionProblem(path(field), message));
  }

  JsonNode node(String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value;
  }

  boolean has(String field) {
    return node(field) != null;
  }

  String text(String field) {
    JsonNode value = node(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      problem(field, field + " is required (a non-empty string)");
      return "";
    }
    return value.asText();
  }

  Optional<String> optionalText(String field) {
    JsonNode value = node(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      problem(field, field + " must be a non-empty string");
      return Optional.empty();
    }
    return Optional.of(value.asText());
  }

  Duration duration(String field) {
    String text = text(field);
    if (text.isEmpty()) {
      return Duration.ZERO;
    }
    try {
      Duration d = Duration.parse(text);
      if (d.isNegative() || d.isZero()) {
        problem(field, field + " must be a positive ISO 8601 duration such as PT1H or P7D");
      }
      return d;
    } catch (DateTimeException e) {
      problem(field, field + " is not an ISO 8601 duration (PT1H, P1D, P7DT12H): " + text);
      return Duration.ZERO;
    }
  }

  LocalTime time(String field, LocalTime otherwise) {
    JsonNode value = node(field);
    if (value == null) {
      return otherwise;
    }
    try {
      return LocalTime.parse(value.asText());
    } catch (DateTimeException e) {
      problem(field, field + " is not a time of day (HH:mm): " + value.asText());
      return otherwise;
    }
  }

  int integer(String field, int otherwise) {
    JsonNode value = node(field);
    if (value == null) {
      return otherwise;
    }
    if (!value.isIntegralNumber()) {
      problem(field, field + " must be a whole number");
      return otherwise;
    }
    return value.asInt();
  }

  List<String> texts(String field) {
    JsonNode value = node(field);
    List<String> texts = new ArrayList<>();
    if (value == null) {
      return texts;
    }
    if (!value.isArray()) {
      problem(field, field + " must be an array of strings");
      return texts;
    }
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        problem(field, field + " must be an array of strings");
        return texts;
      }
      texts.add(item.asText());
    }
    return texts;
  }

  /** {@code where}: property conditions. */
  List<PropertyCondition> where(String field) {
    JsonNode value = node(field);
    List<PropertyCondition> where = new ArrayList<>();
    if (value == null) {
      return where;
    }
    if (!value.isArray()) {
      problem(field, field + " must be an array of {property, op, value}");
      return where;
    }
    for (int i = 0; i < value.size(); i++) {
      Fields item = new Fields(value.get(i), path(field) + "[" + i + "]", problems);
      if (!value.get(i).isObject()) {
        problem(field + "[" + i + "]", "a condition must be an object {property, op, value}");
        continue;
      }
      String property = item.text("property");
      String op = item.node("op") == null ? "eq" : item.node("op").asText();
      if (!PropertyCondition.OPS.contains(op)) {
        item.problem("op", "op must be one of " + new java.util.TreeSet<>(PropertyCondition.OPS));
      }
      JsonNode expected = item.node("value");
      if (expected == null && !op.endsWith("exists")) {
        item.problem("value", "value is required for op " + op);
      }
      where.add(new PropertyCondition(property, op, expected));
    }
    return where;
  }

  /** A condition in the segment language: checked to be a JSON object, evaluated later. */
  JsonNode condition(String field) {
    JsonNode value = node(field);
    if (value == null || !value.isObject() || value.isEmpty()) {
      problem(field, field + " is required: a condition object in the segment language");
      return null;
    }
    return value;
  }
}
