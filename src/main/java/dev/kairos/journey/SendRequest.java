package dev.kairos.journey;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message a send (or webhook) step asks delivery to make: one per (run, step), whose {@code
 * idempotencyKey} the outbox keeps unique. {@code variables} are the run's template variables
 * ({@code event}, {@code coupon}); delivery adds the profile's at send time.
 */
public record SendRequest(
    String idempotencyKey,
    UUID runId,
    String journeyKey,
    String step,
    UUID profileId,
    String channel,
    List<String> fallbacks,
    String template,
    String topic,
    JourneyDefinition.Priority priority,
    ObjectNode variables,
    Instant at) {

  public static String idempotencyKey(UUID runId, String step) {
    return "run:" + runId + ":" + step;
  }
}
