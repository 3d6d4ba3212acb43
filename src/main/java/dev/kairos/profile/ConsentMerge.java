package dev.kairos.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Consent of two merged profiles: for each channel or topic, the most restrictive answer wins (a
 * {@code false} anywhere stays {@code false}).
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
        merged.set(field.getKey(), mostRestrictive((ObjectNode) mine, (ObjectNode) theirs));
      }
    }
    return merged;
  }
}
