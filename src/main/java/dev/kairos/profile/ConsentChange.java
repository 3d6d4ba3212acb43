package dev.kairos.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.ingest.EventType;
import dev.kairos.ingest.TrackedEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One decision of a person about being messaged on a channel for a topic, as an event carries it: a
 * {@value #EVENT} track call ({@code properties.channel}, {@code topic}, {@code status}, {@code
 * legal_basis}, {@code source}) or an identify call's {@code traits.consent} ({@code {"email":
 * {"newsletter": true, "promotions": false}}}). The topic {@value #ALL_TOPICS} stands for every
 * topic of the channel, those recorded so far and those added later.
 *
 * @param granted {@code status} {@code granted} (true) or {@code denied} (false)
 */
public record ConsentChange(
    String channel, String topic, boolean granted, String legalBasis, String source) {
  public static final String EVENT = "Consent Updated";
  public static final String ALL_TOPICS = "all";
  public static final Set<String> LEGAL_BASES =
      Set.of("consent", "legitimate_interest", "contract");
  public static final String DEFAULT_LEGAL_BASIS = "consent";
  public static final int MAX_SOURCE_LENGTH = 500;
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  /** Whether a channel or topic name is well formed: lower case letters, digits, underscores. */
  public static boolean isName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  public String status() {
    return granted ? "granted" : "denied";
  }

  /** The decisions an event carries; none when it carries none or they are malformed. */
  public static List<ConsentChange> of(TrackedEvent event) {
    if (event.type() == EventType.TRACK && EVENT.equals(event.name())) {
      return fromProperties(event.properties());
    }
    if (event.type() == EventType.IDENTIFY && event.traits().path("consent").isObject()) {
      return fromTraits(event.traits().get("consent"));
    }
    return List.of();
  }

  private static List<ConsentChange> fromProperties(JsonNode p) {
    String channel = p.path("channel").asText(null);
    String topic = p.path("topic").asText(ALL_TOPICS);
    String status = p.path("status").asText("");
    String basis = p.path("legal_basis").asText(DEFAULT_LEGAL_BASIS);
    String source = p.path("source").asText("tracking");
    if (!isName(channel)
        || !isName(topic)
        || !(status.equals("granted") || status.equals("denied"))
        || !LEGAL_BASES.contains(basis)) {
      return List.of();
    }
    return List.of(
        new ConsentChange(channel, topic, status.equals("granted"), basis, clip(source)));
  }

  private static List<ConsentChange> fromTraits(JsonNode consent) {
    List<ConsentChange> changes = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> channels = consent.fields();
    while (channels.hasNext()) {
      Map.Entry<String, JsonNode> channel = channels.next();
      if (!isName(channel.getKey()) || !channel.getValue().isObject()) {
        continue;
      }
      Iterator<Map.Entry<String, JsonNode>> topics = channel.getValue().fields();
      while (topics.hasNext()) {
        Map.Entry<String, JsonNode> topic = topics.next();
        if (isName(topic.getKey()) && topic.getValue().isBoolean()) {
          changes.add(
              new ConsentChange(
                  channel.getKey(),
                  topic.getKey(),
                  topic.getValue().asBoolean(),
                  DEFAULT_LEGAL_BASIS,
                  "identify traits"));
        }
      }
    }
    return changes;
  }

  private static String clip(String source) {
    return source.length() > MAX_SOURCE_LENGTH ? source.substring(0, MAX_SOURCE_LENGTH) : source;
  }

  /**
   * The profile's current consent ({@code {channel: {topic: true|false}}}) after this decision. A
   * decision for {@value #ALL_TOPICS} overwrites every topic of the channel.
   */
  ObjectNode applyTo(ObjectNode consent) {
    JsonNode existing = consent.get(channel);
    ObjectNode topics =
        existing instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
    if (topic.equals(ALL_TOPICS)) {
      List<String> names = new ArrayList<>();
      topics.fieldNames().forEachRemaining(names::add);
      names.forEach(name -> topics.put(name, granted));
    }
    topics.put(topic, granted);
    consent.set(channel, topics);
    return consent;
  }
}
