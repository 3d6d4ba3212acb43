package dev.kairos.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads one channel configuration document field by field, collecting every problem with the path
 * of its field ({@code service_account.private_key}); a field nobody reads is a problem too.
 */
final class SettingsFields {
  /** Why a configuration cannot be saved: its field and what is wrong. */
  record Problem(String field, String message) {}

  private final JsonNode node;
  private final String prefix;
  private final List<Problem> problems;

  SettingsFields(JsonNode node, String prefix, List<Problem> problems) {
    this.node = node;
    this.prefix = prefix;
    this.problems = problems;
  }

  static SettingsFields of(JsonNode node) {
    return new SettingsFields(node, "", new ArrayList<>());
  }

  List<Problem> problems() {
    return problems;
  }

  String path(String field) {
    return prefix + field;
  }

  void problem(String field, String message) {
    problems.add(new Problem(path(field), message));
  }

  /** A text that must be there. */
  String text(String field) {
    String value = optionalText(field);
    if (value == null && !node.has(field)) {
      problem(field, path(field) + " is required");
    }
    return value;
  }

  /** A text that may be absent (null then). */
  String optionalText(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      problem(field, path(field) + " must be a non-empty string");
      return null;
    }
    return value.asText();
  }

  /** An absolute http(s) URL, or {@code otherwise} when absent. */
  URI url(String field, URI otherwise) {
    String text = optionalText(field);
    if (text == null) {
      return otherwise;
    }
    try {
      URI uri = new URI(text);
      if (uri.getHost() == null
          || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        problem(field, path(field) + " must be an http:// or https:// URL");
        return otherwise;
      }
      return uri;
    } catch (URISyntaxException e) {
      problem(field, path(field) + " is not a URL: " + e.getReason());
      return otherwise;
    }
  }

  /** A nested object, read with the same problems list. */
  SettingsFields object(String field) {
    JsonNode value = node.get(field);
    if (value != null && !value.isObject()) {
      problem(field, path(field) + " must be an object");
    }
    return new SettingsFields(
        value != null && value.isObject()
            ? value
            : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
        path(field) + ".",
        problems);
  }

  boolean has(String field) {
    JsonNode value = node.get(field);
    return value != null && !value.isNull();
  }

  /** Names every field not among {@code known}: a misspelt field must not be silently ignored. */
  void onlyThese(Set<String> known) {
    if (!(node instanceof ObjectNode object)) {
      return;
    }
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        problem(name, "unknown field " + path(name) + "; known: " + new java.util.TreeSet<>(known));
      }
    }
  }
}
