package dev.kairos.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Parses and validates a tracking API call with Segment's rules and limits: at most 32 KB per
 * event, 500 KB per batch and 2,500 events per batch; {@code userId} or {@code anonymousId}
 * required; {@code event} required for track; {@code messageId} at most 100 characters.
 */
public final class CallParser {
  public static final int MAX_EVENT_BYTES = 32 * 1024;
  public static final int MAX_BATCH_BYTES = 500 * 1024;
  public static final int MAX_BATCH_EVENTS = 2_500;
  public static final int MAX_MESSAGE_ID_LENGTH = 100;

  /** Events happen between the epoch and a day after they are received (clock skew allowed). */
  static final Instant EARLIEST = Instant.EPOCH;

  static final java.time.Duration LATEST_AHEAD = java.time.Duration.ofDays(1);

  private final ObjectMapper mapper;
  private final Clock clock;

  public CallParser(ObjectMapper mapper, Clock clock) {
    this.mapper = mapper;
    this.clock = clock;
  }

  /** A single call posted to {@code /v1/{type}}. */
  public ParsedCall parseSingle(EventType type, byte[] body) {
    Object parsed = object(body, MAX_EVENT_BYTES, "event is larger than 32 KB");
    if (parsed instanceof ParsedCall.Refused refused) {
      return refused;
    }
    ObjectNode root = (ObjectNode) parsed;
    Optional<String> writeKey = text(root.get("writeKey"));
    Object outcome = event(root, type, null, Batch.alone(clock.instant()));
    if (outcome instanceof Rejection rejection) {
      return new ParsedCall.Refused(writeKey, rejection);
    }
    return new ParsedCall.Events(writeKey, List.of((TrackedEvent) outcome), List.of());
  }

  /** A batch posted to {@code /v1/batch} or {@code /v1/import}. */
  public ParsedCall parseBatch(byte[] body) {
    Object parsed = object(body, MAX_BATCH_BYTES, "batch is larger than 500 KB");
    if (parsed instanceof ParsedCall.Refused refused) {
      return refused;
    }
    ObjectNode root = (ObjectNode) parsed;
    Optional<String> writeKey = text(root.get("writeKey"));
    JsonNode batch = root.get("batch");
    if (batch == null || !batch.isArray()) {
      return refused(writeKey, "batch", "batch must be an array of events");
    }
    if (batch.size() > MAX_BATCH_EVENTS) {
      return refused(writeKey, "batch", "batch has more than 2500 events: " + batch.size());
    }
    JsonNode batchContext = root.get("context");
    if (batchContext != null && !batchContext.isNull() && !batchContext.isObject()) {
      return refused(writeKey, "context", "context must be an object");
    }
    Batch shared;
    try {
      shared =
          new Batch(
              batchContext != null && batchContext.isObject() ? (ObjectNode) batchContext : null,
              root.get("integrations"),
              clock.instant(),
              instant(root.get("sentAt"), "sentAt"));
    } catch (InvalidField e) {
      return refused(writeKey, e.field, e.getMessage());
    }
    List<TrackedEvent> events = new ArrayList<>(batch.size());
    List<Rejection> rejections = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      JsonNode node = batch.get(i);
      if (!node.isObject()) {
        rejections.add(new Rejection(i, "batch[" + i + "]", "an event must be a JSON object"));
        continue;
      }
      Optional<EventType> type = EventType.fromWireName(node.path("type").asText(null));
      if (type.isEmpty()) {
        rejections.add(
            new Rejection(
                i, "type", "type must be one of track, identify, page, screen, group, alias"));
        continue;
      }
      Object outcome = event((ObjectNode) node, type.get(), i, shared);
      if (outcome instanceof Rejection rejection) {
        rejections.add(rejection);
      } else {
        events.add((TrackedEvent) outcome);
      }
    }
    if (events.isEmpty() && !rejections.isEmpty()) {
      return new ParsedCall.Refused(writeKey, rejections.get(0));
    }
    return new ParsedCall.Events(writeKey, events, rejections);
  }

  /** The body as a JSON object, or the refusal saying why it is not one. */
  private Object object(byte[] body, int maxBytes, String tooLarge) {
    if (body.length > maxBytes) {
      return refused(Optional.empty(), null, tooLarge);
    }
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (IOException e) {
      return refused(Optional.empty(), null, "invalid JSON: " + firstLine(e));
    }
    if (root == null || !root.isObject()) {
      return refused(Optional.empty(), null, "the body must be a JSON object");
    }
    return root;
  }

  /**
   * What the events of one call share: the batch-level {@code context}, {@code integrations} and
   * {@code sentAt}, and the time the call was received (formatted once for all its events).
   */
  private record Batch(
      ObjectNode context,
      JsonNode integrations,
      Instant receivedAt,
      Instant sentAt,
      String receivedAtText,
      String sentAtText) {
    Batch(ObjectNode context, JsonNode integrations, Instant receivedAt, Instant sentAt) {
      this(
          context,
          integrations,
          receivedAt,
          sentAt,
          Timestamps.format(receivedAt),
          sentAt == null ? null : Timestamps.format(sentAt));
    }

    /** A single call: nothing shared but the time it was received. */
    static Batch alone(Instant receivedAt) {
      return new Batch(null, null, receivedAt, null);
    }
  }

  /** Returns a {@link TrackedEvent} or a {@link Rejection}. */
  private Object event(ObjectNode node, EventType type, Integer index, Batch batch) {
    try {
      return validEvent(node, type, batch);
    } catch (InvalidField e) {
      return new Rejection(index, e.field, e.getMessage());
    }
  }

  private TrackedEvent validEvent(ObjectNode node, EventType type, Batch batch) {
    Instant receivedAt = batch.receivedAt();
    node.remove("writeKey");
    String userId = identifier(node, "userId");
    String anonymousId = identifier(node, "anonymousId");
    if (type == EventType.ALIAS) {
      if (userId == null) {
        throw new InvalidField("userId", "alias requires userId");
      }
      if (identifier(node, "previousId") == null) {
        throw new InvalidField("previousId", "alias requires previousId");
      }
    } else if (userId == null && anonymousId == null) {
      throw new InvalidField("userId", "userId or anonymousId is required");
    }
    String name = null;
    if (type == EventType.TRACK) {
      JsonNode eventNode = node.get("event");
      if (eventNode != null && !eventNode.isNull() && !eventNode.isTextual()) {
        throw new InvalidField("event", "event must be a string");
      }
      name = text(eventNode).orElse(null);
      if (name == null || name.isBlank()) {
        throw new InvalidField("event", "track requires event, the name of the action");
      }
    } else if (type == EventType.PAGE || type == EventType.SCREEN) {
      name = text(node.get("name")).orElse(null);
    } else if (type == EventType.GROUP && identifier(node, "groupId") == null) {
      throw new InvalidField("groupId", "group requires groupId");
    }
    for (String field : List.of("properties", "traits", "context", "integrations")) {
      JsonNode value = node.get(field);
      if (value != null && !value.isNull() && !value.isObject()) {
        throw new InvalidField(field, field + " must be an object");
      }
    }
    if (type == EventType.TRACK) {
      Optional<CommerceProperties.Invalid> invalid =
          CommerceProperties.check(name, node.get("properties"));
      if (invalid.isPresent()) {
        throw new InvalidField(invalid.get().field(), invalid.get().message());
      }
    }
    JsonNode messageIdNode = node.get("messageId");
    if (messageIdNode != null && !messageIdNode.isNull() && !messageIdNode.isValueNode()) {
      throw new InvalidField("messageId", "messageId must be a string");
    }
    String messageId =
        messageIdNode == null || messageIdNode.isNull() ? null : messageIdNode.asText();
    if (messageId == null || messageId.isBlank()) {
      messageId = "kairos-" + UUID.randomUUID();
    } else if (messageId.length() > MAX_MESSAGE_ID_LENGTH) {
      throw new InvalidField("messageId", "messageId is longer than 100 characters");
    }
    applyBatchContext(node, batch.context(), batch.integrations());
    Instant ownSentAt = instant(node.get("sentAt"), "sentAt");
    Instant sentAt = ownSentAt == null ? batch.sentAt() : ownSentAt;
    Instant clientTime = instant(node.get("timestamp"), "timestamp");
    if (clientTime == null) {
      clientTime = instant(node.get("originalTimestamp"), "originalTimestamp");
    }
    Instant timestamp;
    try {
      timestamp = correctedTimestamp(clientTime, sentAt, receivedAt);
    } catch (ArithmeticException e) {
      throw new InvalidField(
          sentAt != null && sentAt.getEpochSecond() / 31_557_600L > 9_000 ? "sentAt" : "timestamp",
          "sentAt or timestamp is too far from now to be a real time");
    }
    if (timestamp.isBefore(EARLIEST) || timestamp.isAfter(receivedAt.plus(LATEST_AHEAD))) {
      throw new InvalidField(
          "timestamp", "timestamp must be between 1970-01-01 and one day after now: " + timestamp);
    }
    node.put("type", type.wireName());
    node.put("messageId", messageId);
    if (clientTime != null) {
      node.put("originalTimestamp", Timestamps.format(clientTime));
    }
    node.put("timestamp", Timestamps.format(timestamp));
    node.put("receivedAt", batch.receivedAtText());
    if (ownSentAt != null) {
      node.put("sentAt", Timestamps.format(ownSentAt));
    } else if (batch.sentAtText() != null) {
      node.put("sentAt", batch.sentAtText());
    }
    byte[] json;
    try {
      json = mapper.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new InvalidField(null, "the event cannot be serialised");
    }
    if (json.length > MAX_EVENT_BYTES) {
      throw new InvalidField(null, "event is larger than 32 KB");
    }
    if (containsEscapedNul(json)) {
      throw new InvalidField(
          null, "the event contains a NUL character (\\u0000), which cannot be stored");
    }
    return new TrackedEvent(
        messageId, type, name, userId, anonymousId, timestamp, receivedAt, node, json);
  }

  /** Whether the JSON text holds the escape {@code \\u0000}, which PostgreSQL cannot store. */
  private static boolean containsEscapedNul(byte[] json) {
    byte[] nul = {'\\', 'u', '0', '0', '0', '0'};
    outer:
    for (int i = 0; i + nul.length <= json.length; i++) {
      if (json[i] != '\\') {
        continue;
      }
      for (int j = 1; j < nul.length; j++) {
        if (json[i + j] != nul[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * Segment's clock-skew correction: the client's clock is assumed off by {@code sentAt -
   * receivedAt}, so {@code timestamp = receivedAt - (sentAt - originalTimestamp)}.
   */
  static Instant correctedTimestamp(Instant clientTime, Instant sentAt, Instant receivedAt) {
    if (clientTime == null) {
      return receivedAt;
    }
    if (sentAt == null) {
      return clientTime;
    }
    return receivedAt.minusMillis(sentAt.toEpochMilli() - clientTime.toEpochMilli());
  }

  private static void applyBatchContext(
      ObjectNode node, ObjectNode batchContext, JsonNode batchIntegrations) {
    if (batchContext != null) {
      JsonNode own = node.get("context");
      ObjectNode merged = batchContext.deepCopy();
      if (own != null && own.isObject()) {
        merged.setAll((ObjectNode) own);
      }
      node.set("context", merged);
    }
    if (batchIntegrations != null && batchIntegrations.isObject() && !node.has("integrations")) {
      node.set("integrations", batchIntegrations.deepCopy());
    }
  }

  private static String identifier(ObjectNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isTextual()) {
      String text = value.asText().trim();
      if (text.length() > 255) {
        throw new InvalidField(field, field + " is longer than 255 characters");
      }
      // stored as read, so a replay from the log reads the same identifier
      if (text.isEmpty()) {
        node.remove(field);
        return null;
      }
      if (text.length() != value.asText().length()) {
        node.put(field, text);
      }
      return text;
    }
    if (value.isIntegralNumber()) {
      node.put(field, value.asText());
      return value.asText();
    }
    throw new InvalidField(field, field + " must be a string");
  }

  private static Instant instant(JsonNode value, String field) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new InvalidField(field, field + " must be an ISO-8601 date-time string");
    }
    try {
      return Timestamps.parse(value.asText());
    } catch (IllegalArgumentException e) {
      throw new InvalidField(field, field + " is not an ISO-8601 date-time: " + value.asText());
    }
  }

  private static Optional<String> text(JsonNode node) {
    return node != null && node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
  }

  private static ParsedCall refused(Optional<String> writeKey, String field, String message) {
    return new ParsedCall.Refused(writeKey, new Rejection(null, field, message));
  }

  private static String firstLine(IOException e) {
    String message = String.valueOf(e.getMessage());
    if (e instanceof JsonProcessingException p && p.getOriginalMessage() != null) {
      message = p.getOriginalMessage();
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static final class InvalidField extends RuntimeException {
    final String field;

    InvalidField(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }
  }
}
