package dev.kairos.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.ingest.EventType;
import dev.kairos.ingest.TrackedEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which identifiers an event carries: {@code userId}, {@code anonymousId}, alias {@code
 * previousId}, email and phone from traits (or order properties), and the configured extra kinds,
 * each read from a path such as {@code traits.wechat_openid} or {@code context.device.id}.
 */
public final class IdentifierRules {

  /** An extra identifier kind and the payload path it is read from. */
  public record Rule(String kind, List<String> path) {}

  public static final String DEFAULT_EXTRA_KINDS =
      "wechat_openid=traits.wechat_openid,wechat_unionid=traits.wechat_unionid,"
          + "loyalty_card=traits.loyalty_card";

  private final IdentifierNormaliser normaliser;
  private final List<Rule> rules;

  public IdentifierRules(IdentifierNormaliser normaliser, List<Rule> rules) {
    this.normaliser = normaliser;
    this.rules = List.copyOf(rules);
  }

  /**
   * Parses {@code kind=path,kind=path}: the defaults plus the operator's {@code
   * KAIROS_IDENTIFIER_KINDS}.
   */
  public static List<Rule> parse(String spec) {
    List<Rule> rules = new ArrayList<>();
    for (String text : (DEFAULT_EXTRA_KINDS + "," + spec).split(",")) {
      String entry = text.trim();
      if (entry.isEmpty()) {
        continue;
      }
      int eq = entry.indexOf('=');
      if (eq <= 0 || eq == entry.length() - 1) {
        throw new IllegalArgumentException(
            "KAIROS_IDENTIFIER_KINDS entry must be kind=path (e.g. device_id=context.device.id): "
                + entry);
      }
      String kind = entry.substring(0, eq).trim();
      if (!kind.matches("[A-Za-z][A-Za-z0-9_]{0,39}")) {
        throw new IllegalArgumentException("identifier kind must be a simple name: " + kind);
      }
      rules.add(new Rule(kind, List.of(entry.substring(eq + 1).trim().split("\\."))));
    }
    return rules;
  }

  /** The event's identifiers, normalised, {@code userId} first, without repeats. */
  public List<Identifier> of(TrackedEvent event) {
    Set<Identifier> found = new LinkedHashSet<>();
    add(found, Identifier.USER_ID, event.userId());
    add(found, Identifier.ANONYMOUS_ID, event.anonymousId());
    if (event.type() == EventType.ALIAS) {
      String previous = event.payload().path("previousId").asText(null);
      add(found, Identifier.ANONYMOUS_ID, previous);
    }
    JsonNode traits = event.traits();
    add(found, Identifier.EMAIL, text(traits.get("email")));
    add(found, Identifier.PHONE, text(traits.get("phone")));
    if (event.type() == EventType.TRACK) {
      add(found, Identifier.EMAIL, text(event.properties().get("email")));
    }
    for (Rule rule : rules) {
      add(found, rule.kind(), text(at(event, rule.path())));
    }
    return new ArrayList<>(found);
  }

  /**
   * The trait an identifier of {@code kind} is read from ({@code email}, {@code phone}, or a
   * configured kind's {@code traits.name}); empty when the kind is read from elsewhere.
   */
  public Optional<String> trait(String kind) {
    if (kind.equals(Identifier.EMAIL) || kind.equals(Identifier.PHONE)) {
      return Optional.of(kind);
    }
    for (Rule rule : rules) {
      if (rule.kind().equals(kind)
          && rule.path().size() == 2
          && rule.path().get(0).equals("traits")) {
        return Optional.of(rule.path().get(1));
      }
    }
    return Optional.empty();
  }

  /**
   * Removes from the stored payload every field one of {@code identifiers} is read from (wherever
   * {@link #of} would find it: the top-level ids, the traits and context traits, a track's {@code
   * properties.email}, the configured paths); the rest of the event stays as it was. Returns
   * whether a field was removed.
   */
  public boolean remove(ObjectNode payload, Collection<Identifier> identifiers) {
    if (identifiers.isEmpty()) {
      return false;
    }
    boolean removed = removeAt(payload, List.of("userId"), Identifier.USER_ID, identifiers);
    removed |= removeAt(payload, List.of("anonymousId"), Identifier.ANONYMOUS_ID, identifiers);
    removed |= removeAt(payload, List.of("previousId"), Identifier.ANONYMOUS_ID, identifiers);
    for (String traits : List.of("traits", "context.traits")) {
      List<String> at = List.of(traits.split("\\."));
      removed |= removeAt(payload, with(at, "email"), Identifier.EMAIL, identifiers);
      removed |= removeAt(payload, with(at, "phone"), Identifier.PHONE, identifiers);
      for (Rule rule : rules) {
        if (rule.path().get(0).equals("traits")) {
          List<String> path = new ArrayList<>(at);
          path.addAll(rule.path().subList(1, rule.path().size()));
          removed |= removeAt(payload, path, rule.kind(), identifiers);
        }
      }
    }
    removed |= removeAt(payload, List.of("properties", "email"), Identifier.EMAIL, identifiers);
    for (Rule rule : rules) {
      if (!rule.path().get(0).equals("traits")) {
        removed |= removeAt(payload, rule.path(), rule.kind(), identifiers);
      }
    }
    return removed;
  }

  private boolean removeAt(
      ObjectNode payload, List<String> path, String kind, Collection<Identifier> identifiers) {
    JsonNode parent = payload;
    for (int i = 0; i < path.size() - 1 && parent != null; i++) {
      parent = parent.get(path.get(i));
    }
    String field = path.get(path.size() - 1);
    if (!(parent instanceof ObjectNode object)) {
      return false;
    }
    Optional<Identifier> value = normaliser.normalise(kind, text(object.get(field)));
    if (value.isPresent() && identifiers.contains(value.get())) {
      object.remove(field);
      return true;
    }
    return false;
  }

  private static List<String> with(List<String> path, String last) {
    List<String> longer = new ArrayList<>(path);
    longer.add(last);
    return longer;
  }

  private void add(Set<Identifier> found, String kind, String raw) {
    normaliser.normalise(kind, raw).ifPresent(found::add);
  }

  private static JsonNode at(TrackedEvent event, List<String> path) {
    JsonNode node =
        path.get(0).equals("traits") ? event.traits() : event.payload().get(path.get(0));
    for (int i = 1; i < path.size() && node != null; i++) {
      node = node.get(path.get(i));
    }
    return node;
  }

  private static String text(JsonNode node) {
    return node != null && (node.isTextual() || node.isNumber()) ? node.asText() : null;
  }
}
