package dev.kairos.journey;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * Evaluates a condition of the segment language on one person now: for {@code condition} and {@code
 * split} steps. The segment context's in-memory evaluator answers ({@code
 * journey.store.SegmentPersonConditions}).
 */
@FunctionalInterface
public interface PersonConditions {
  ConditionResult holds(UUID profileId, JsonNode condition, Instant now);
}
