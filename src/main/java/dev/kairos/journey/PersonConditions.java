package dev.kairos.journey;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * Evaluates a condition of the segment language on one person now: for {@code condition} and {@code
 * split} steps. The segments context provides the full evaluator; until it is wired, {@link
 * TraitEquality} answers what it can.
 */
@FunctionalInterface
public interface PersonConditions {
  ConditionResult holds(UUID profileId, JsonNode condition, Instant now);
}
