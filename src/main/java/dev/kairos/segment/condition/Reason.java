package dev.kairos.segment.condition;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One condition of a tree as evaluated for a person: where it is, what it says, whether it held,
 * and the value seen (a trait's value, a field's value, an event count; null when none).
 */
public record Reason(String path, JsonNode condition, boolean held, JsonNode seen) {}
