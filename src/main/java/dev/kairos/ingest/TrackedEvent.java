package dev.kairos.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One accepted Segment call, validated and normalised: the batch-level context applied, {@code
 * timestamp} corrected for client clock skew, {@code receivedAt} set by the server.
 *
 * @param name the {@code event} of a track call, or the {@code name} of a page or screen call
 * @param payload the whole event as stored (Segment's JSON shape)
 * @param json the payload serialised (UTF-8), as it is written to the event log
 */
public record TrackedEvent(
    String messageId,
    EventType type,
    String name,
    String userId,
    String anonymousId,
    Instant timestamp,
    Instant receivedAt,
    ObjectNode payload,
    byte[] json) {

  /** Restores an event from the event log's text of it, for replays. */
  public static TrackedEvent fromStored(
      com.fasterxml.jackson.databind.ObjectMapper mapper, String json) {
    return fromJson(mapper, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Restores an event from the UTF-8 JSON the event log stores for it (kept as it is). */
  public static TrackedEvent fromJson(
      com.fasterxml.jackson.databind.ObjectMapper mapper, byte[] json) {
    try {
      return fromPayload((ObjectNode) mapper.readTree(json), json);
    } catch (java.io.IOException | ClassCastException e) {
      throw new IllegalStateException("an event in the log is not a JSON object", e);
    }
  }

  /** Restores an event from its stored payload (the event log), for replays. */
  public static TrackedEvent fromPayload(ObjectNode payload) {
    return fromPayload(
        payload, payload.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static TrackedEvent fromPayload(ObjectNode payload, byte[] json) {
    EventType type = EventType.fromWireName(payload.path("type").asText()).orElse(EventType.TRACK);
    // as CallParser reads it: the event of a track call, the name of a page or screen call
    String name =
        type == EventType.TRACK
            ? payload.path("event").asText(null)
            : type == EventType.PAGE || type == EventType.SCREEN
                ? textOrNull(payload.get("name"))
                : null;
    return new TrackedEvent(
        payload.path("messageId").asText(),
        type,
        name,
        payload.path("userId").asText(null),
        payload.path("anonymousId").asText(null),
        Timestamps.parse(payload.path("timestamp").asText()),
        Timestamps.parse(payload.path("receivedAt").asText()),
        payload,
        json);
  }

  private static String textOrNull(JsonNode node) {
    return node != null && node.isTextual() ? node.asText() : null;
  }

  /** {@code traits} of an identify or group call, else {@code context.traits}; never null. */
  public JsonNode traits() {
    JsonNode traits = payload.path("traits");
    if (traits.isObject()) {
      return traits;
    }
    return payload.path("context").path("traits");
  }

  public JsonNode properties() {
    return payload.path("properties");
  }

  public JsonNode context() {
    return payload.path("context");
  }

  public boolean isTrack(String eventName) {
    return type == EventType.TRACK && eventName.equals(name);
  }
}
