package dev.kairos.segment.store.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads test JSON. */
final class ConditionParserSupport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConditionParserSupport() {}

  static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(json, e);
    }
  }
}
