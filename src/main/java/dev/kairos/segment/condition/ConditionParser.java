package dev.kairos.segment.condition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a condition's JSON into a {@link Condition}, or lists every problem with its JSON path.
 * Values are only ever data: a string that looks like an expression is a string.
 */
public final class ConditionParser {
  private static final Set<String> KINDS =
      Set.of(
          "and",
          "or",
          "not",
          "trait",
          "field",
          "performed",
          "first_performed",
          "last_performed",
          "segment",
          "identifier",
          "consent");
  static final String NAME_PATTERN = "[A-Za-z][A-Za-z0-9_]{0,39}";

  private final SegmentDefinitions segments;
  private final Limits limits;

  public ConditionParser(SegmentDefinitions segments, Limits limits) {
    this.segments = segments;
    this.limits = limits;
  }

  public ConditionParser(SegmentDefinitions segments) {
    this(segments, Limits.DEFAULT);
  }

  /** Parses a condition that is not (yet) any segment's own, as for a preview. */
  public ParseResult parse(JsonNode json) {
    return parse(json, null);
  }

  /**
   * Parses the condition of the segment {@code ownKey} (null for none): a reference to it, directly
   * or through other segments, is a cycle.
   */
  public ParseResult parse(JsonNode json, String ownKey) {
    Run run = new Run();
    Condition condition = run.node(json, "$", 1);
    if (run.nodes > limits.maxNodes()) {
      run.problem("$", "a condition may hold at most " + limits.maxNodes() + " conditions");
    }
    run.checkSegments(ownKey);
    return run.problems.isEmpty()
        ? new ParseResult.Valid(condition)
        : new ParseResult.Invalid(run.problems);
  }

  /** One parse: its problems, its size, the segments it names and where. */
  final class Run {
    final List<Problem> problems = new ArrayList<>();
    final List<String[]> segmentRefs = new ArrayList<>();
    int nodes;

    void problem(String path, String message) {
      problems.add(new Problem(path, message));
    }

    Condition node(JsonNode json, String path, int depth) {
      nodes++;
      if (json == null || !json.isObject()) {
        problem(path, "must be an object holding one condition");
        return null;
      }
      Set<String> kinds = new LinkedHashSet<>();
      json.fieldNames()
          .forEachRemaining(
              n -> {
                if (KINDS.contains(n)) {
                  kinds.add(n);
                }
              });
      if (kinds.size() != 1) {
        problem(
            path,
            kinds.isEmpty()
                ? "names no condition kind (one of " + String.join(", ", sorted(KINDS)) + ")"
                : "names more than one condition kind: " + String.join(", ", kinds));
        return null;
      }
      String kind = kinds.iterator().next();
      if (depth > limits.maxDepth()) {
        problem(path, "nests deeper than " + limits.maxDepth() + " levels");
        return null;
      }
      return switch (kind) {
        case "and", "or" -> group(json, path, depth, kind);
        case "not" -> not(json, path, depth);
        case "trait" -> new LeafParser(this, json, path).trait();
        case "field" -> new LeafParser(this, json, path).field();
        case "performed" -> new LeafParser(this, json, path).performed();
        case "first_performed" ->
            new LeafParser(this, json, path).performedAt(Condition.Edge.FIRST);
        case "last_performed" -> new LeafParser(this, json, path).performedAt(Condition.Edge.LAST);
        case "segment" -> segment(json, path);
        case "identifier" -> identifier(json, path);
        default -> consent(json, path);
      };
    }

    private Condition group(JsonNode json, String path, int depth, String kind) {
      onlyKeys(json, path, Set.of(kind));
      JsonNode items = json.get(kind);
      String at = path + "." + kind;
      if (!items.isArray() || items.isEmpty()) {
        problem(at, "must be a non-empty array of conditions");
        return null;
      }
      List<Condition> children = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        children.add(node(items.get(i), at + "[" + i + "]", depth + 1));
      }
      if (children.contains(null)) {
        return null;
      }
      return kind.equals("and") ? new Condition.And(children) : new Condition.Or(children);
    }

    private Condition not(JsonNode json, String path, int depth) {
      onlyKeys(json, path, Set.of("not"));
      Condition negated = node(json.get("not"), path + ".not", depth + 1);
      return negated == null ? null : new Condition.Not(negated);
    }

    private Condition segment(JsonNode json, String path) {
      onlyKeys(json, path, Set.of("segment"));
      Optional<String> key = text(json, path, "segment");
      key.ifPresent(k -> segmentRefs.add(new String[] {k, path + ".segment"}));
      return key.map(Condition.InSegment::new).orElse(null);
    }

    private Condition identifier(JsonNode json, String path) {
      onlyKeys(json, path, Set.of("identifier"));
      Optional<String> kind = name(json, path, "identifier", "an identifier kind");
      return kind.map(Condition.HasIdentifier::new).orElse(null);
    }

    private Condition consent(JsonNode json, String path) {
      onlyKeys(json, path, Set.of("consent", "topic"));
      Optional<String> channel = name(json, path, "consent", "a channel");
      Optional<String> topic =
          json.has("topic") ? name(json, path, "topic", "a topic") : Optional.of("");
      if (channel.isEmpty() || topic.isEmpty()) {
        return null;
      }
      return new Condition.Consent(channel.get(), topic.get().isEmpty() ? null : topic.get());
    }

    /** A simple name (letters, digits, underscores; a letter first). */
    Optional<String> name(JsonNode json, String path, String key, String what) {
      Optional<String> text = text(json, path, key);
      if (text.isPresent() && !text.get().matches(NAME_PATTERN)) {
        problem(path + "." + key, "must be " + what + ": letters, digits and _, a letter first");
        return Optional.empty();
      }
      return text;
    }

    Optional<String> text(JsonNode json, String path, String key) {
      JsonNode node = json.get(key);
      if (node == null || !node.isTextual() || node.asText().isBlank()) {
        problem(path + "." + key, "must be a non-empty string");
        return Optional.empty();
      }
      if (node.asText().length() > limits.maxStringLength()) {
        problem(path + "." + key, "must be at most " + limits.maxStringLength() + " characters");
        return Optional.empty();
      }
      return Optional.of(node.asText());
    }

    void onlyKeys(JsonNode json, String path, Set<String> allowed) {
      Iterator<String> names = json.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!allowed.contains(name)) {
          problem(path + "." + name, "is not a key of this condition (" + sorted(allowed) + ")");
        }
      }
    }

    Limits limits() {
      return limits;
    }

    /** Unknown segments, and references that come back to {@code ownKey} or go round. */
    void checkSegments(String ownKey) {
      for (String[] ref : segmentRefs) {
        String key = ref[0];
        if (key.equals(ownKey)) {
          problem(ref[1], "a segment cannot contain itself");
          continue;
        }
        Optional<Condition> target = segments.condition(key);
        if (target.isEmpty()) {
          problem(ref[1], "no segment has the key " + key);
          continue;
        }
        Optional<List<String>> cycle =
            SegmentReferences.cycleFrom(key, ownKey, segments, new ArrayList<>(List.of(key)));
        cycle.ifPresent(
            c ->
                problem(
                    ref[1], "segments refer to each other in a cycle: " + String.join(" → ", c)));
      }
    }
  }

  static List<String> sorted(Set<String> names) {
    List<String> list = new ArrayList<>(new HashSet<>(names));
    list.sort(null);
    return list;
  }
}
