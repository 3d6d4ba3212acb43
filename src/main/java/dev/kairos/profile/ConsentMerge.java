package dev.kairos.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Consent of two merged profiles ({@code {channel: {topic: true|false}}}): for each channel and
 * topic, the most restrictive answer wins (a {@code false} anywhere stays {@code false}). A topic
 * one side never answered takes that side's {@value ConsentChange#ALL_TOPICS} answer, so that an
 * "unsubscribe from everything" on one side is not undone by a topic granted on the other.
 */
final class ConsentMerge {
  private ConsentMerge() {}

  static ObjectNode mostRestrictive(ObjectNode a, ObjectNode b) {
    ObjectNode merged = a.deepCopy();
    Iterator<Map.Entry<String, JsonNode>> fields = b.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode mine = merged.get(field.getKey());
      JsonNode theirs = field.getValue();
      if (mine == null || (theirs.isBoolean() && !theirs.asBoolean())) {
        merged.set(field.getKey(), theirs.deepCopy());
      } else if (mine.isObject() && theirs.isObject()) {
        merged.set(field.getKey(), topics((ObjectNode) mine, (ObjectNode) theirs));
      }
    }
    return merged;
  }

  private static ObjectNode topics(ObjectNode a, ObjectNode b) {
    ObjectNode merged = mostRestrictive(a, b);
    Set<String> names = new LinkedHashSet<>();
    a.fieldNames().forEachRemaining(names::add);
    b.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode mine = answer(a, name);
      JsonNode theirs = answer(b, name);
      if (mine != null && theirs != null && mine.isBoolean() && theirs.isBoolean()) {
        merged.put(name, mine.asBoolean() && theirs.asBoolean());
      }
    }
    return merged;
  }

  private static JsonNode answer(ObjectNode topics, String topic) {
    JsonNode answer = topics.get(topic);
    return answer != null ? answer : topics.get(ConsentChange.ALL_TOPICS);
  }
}
