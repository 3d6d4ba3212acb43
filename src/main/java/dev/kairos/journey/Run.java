package dev.kairos.journey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/**
 * One person's way through one version of a journey, as the engine holds it while executing its due
 * step. {@code waiting} says the step's wait has begun (its timer is {@code dueAt}). {@code
 * trigger} holds the triggering event's {@code event} name and {@code properties}; {@code context}
 * what steps left for later ones (the coupon).
 */
public record Run(
    UUID id,
    String journeyKey,
    int version,
    UUID profileId,
    String step,
    boolean waiting,
    Instant enteredAt,
    JsonNode trigger,
    ObjectNode context,
    ZoneId zone) {

  public JsonNode triggerProperties() {
    JsonNode properties = trigger.get("properties");
    return properties == null
        ? com.fasterxml.jackson.databind.node.NullNode.getInstance()
        : properties;
  }
}
