package dev.kairos.journey;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates a journey document (the JSON shape of docs/journeys.md). Every problem is
 * reported with the path of its field, e.g. {@code steps.wait.on_timeout}.
 */
public final class DefinitionReader {
  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,99}");

  private DefinitionReader() {}

  public static Reading read(JsonNode document) {
    List<DefinitionProblem> problems = new ArrayList<>();
    if (document == null || !document.isObject()) {
      return new Reading.Invalid(List.of(new DefinitionProblem("", "a journey is a JSON object")));
    }
    Fields f = new Fields(document, "", problems);
    String key = f.text("key");
    if (!key.isEmpty() && !KEY.matcher(key).matches()) {
      f.problem("key", "key is a slug: lower-case letters, digits, - and _ (at most 100)");
    }
    String name = f.optionalText("name").orElse(key);
    Trigger trigger = trigger(f);
    JourneyDefinition.Entry entry = entry(f);
    Optional<JourneyDefinition.Goal> goal = goal(f);
    List<JourneyDefinition.ExitCriterion> exitOn = exitOn(f);
    JourneyDefinition.Priority priority = priority(f);
    Map<String, Step> steps = steps(f);
    String start = f.text("start");
    if (!start.isEmpty() && !steps.containsKey(start)) {
      f.problem("start", "start names no step: " + start);
    }
    checkReferences(steps, problems);
    if (!problems.isEmpty()) {
      return new Reading.Invalid(problems);
    }
    return new Reading.Valid(
        new JourneyDefinition(key, name, trigger, entry, goal, exitOn, priority, start, steps));
  }

  private static Trigger trigger(Fields top) {
    JsonNode node = top.node("trigger");
    if (node == null || !node.isObject()) {
      top.problem(
          "trigger",
          "trigger is required: event, segment_entered, segment_exited,"
              + " date_trait or broadcast");
      return null;
    }
    Fields f = new Fields(node, "trigger", top.problems());
    if (f.has("event")) {
      return new Trigger.Event(f.text("event"), f.where("where"));
    } else if (f.has("segment_entered")) {
      return new Trigger.SegmentEntered(f.text("segment_entered"));
    } else if (f.has("segment_exited")) {
      return new Trigger.SegmentExited(f.text("segment_exited"));
    } else if (f.has("date_trait")) {
      return new Trigger.DateTrait(
          f.text("date_trait"), f.integer("days_offset", 0), f.time("at", LocalTime.of(9, 0)));
    } else if (f.has("broadcast")) {
      return broadcast(new Fields(f.node("broadcast"), "trigger.broadcast", top.problems()));
    }
    top.problem(
        "trigger",
        "trigger must have one of event, segment_entered, segment_exited,"
            + " date_trait, broadcast");
    return null;
  }

  private static Trigger broadcast(Fields f) {
    String segment = f.text("segment");
    String at = f.text("at");
    LocalDateTime when = LocalDateTime.MIN;
    try {
      when = at.isEmpty() ? when : LocalDateTime.parse(at);
    } catch (DateTimeException e) {
      f.problem("at", "at is a local date and time such as 2026-12-24T10:00: " + at);
    }
    Optional<Period> every = Optional.empty();
    if (f.has("every")) {
      try {
        every = Optional.of(Period.parse(f.text("every")));
        if (every.get().isNegative() || every.get().isZero()) {
          f.problem("every", "every is a period of at least one day, such as P1D or P1W");
        }
      } catch (DateTimeException e) {
        f.problem("every", "every is an ISO 8601 period such as P1D or P1W");
      }
    }
    JsonNode local = f.node("person_local_time");
    return new Trigger.Broadcast(segment, when, local != null && local.asBoolean(), every);
  }

  private static JourneyDefinition.Entry entry(Fields top) {
    JsonNode node = top.node("entry");
    if (node == null) {
      return JourneyDefinition.Entry.DEFAULT;
    }
    Fields f = new Fields(node, "entry", top.problems());
    String mode = f.optionalText("mode").orElse("every_time");
    JourneyDefinition.Entry.Mode parsed;
    try {
      parsed = JourneyDefinition.Entry.Mode.valueOf(mode.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      f.problem("mode", "mode must be once, every_time or after_cooldown");
      parsed = JourneyDefinition.Entry.Mode.EVERY_TIME;
    }
    Duration cooldown =
        parsed == JourneyDefinition.Entry.Mode.AFTER_COOLDOWN
            ? f.duration("cooldown")
            : Duration.ZERO;
    JsonNode concurrent = f.node("concurrent");
    return new JourneyDefinition.Entry(
        parsed, cooldown, concurrent != null && concurrent.asBoolean());
  }

  private static Optional<JourneyDefinition.Goal> goal(Fields top) {
    JsonNode node = top.node("goal");
    if (node == null) {
      return Optional.empty();
    }
    Fields f = new Fields(node, "goal", top.problems());
    return Optional.of(
        new JourneyDefinition.Goal(f.text("event"), f.duration("within"), f.where("where")));
  }

  private static List<JourneyDefinition.ExitCriterion> exitOn(Fields top) {
    List<JourneyDefinition.ExitCriterion> criteria = new ArrayList<>();
    JsonNode node = top.node("exit_on");
    if (node == null) {
      return criteria;
    }
    if (!node.isArray()) {
      top.problem("exit_on", "exit_on is an array of {event, where} or {segment_exited}");
      return criteria;
    }
    for (int i = 0; i < node.size(); i++) {
      Fields f = new Fields(node.get(i), "exit_on[" + i + "]", top.problems());
      if (f.has("event")) {
        criteria.add(
            new JourneyDefinition.ExitCriterion.OnEvent(f.text("event"), f.where("where")));
      } else if (f.has("segment_exited")) {
        criteria.add(new JourneyDefinition.ExitCriterion.OnSegmentExited(f.text("segment_exited")));
      } else {
        top.problem("exit_on[" + i + "]", "an exit criterion has event or segment_exited");
      }
    }
    return criteria;
  }

  private static JourneyDefinition.Priority priority(Fields top) {
    String value = top.optionalText("priority").orElse("triggered");
    try {
      return JourneyDefinition.Priority.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      top.problem(
          "priority", "priority must be transactional, cart_recovery, triggered or promotional");
      return JourneyDefinition.Priority.TRIGGERED;
    }
  }

  private static Map<String, Step> steps(Fields top) {
    Map<String, Step> steps = new LinkedHashMap<>();
    JsonNode node = top.node("steps");
    if (node == null || !node.isObject() || node.isEmpty()) {
      top.problem("steps", "steps is required: an object of named steps");
      return steps;
    }
    node.fields()
        .forEachRemaining(
            e -> {
              if (e.getKey().equals(Step.EXIT)) {
                top.problem("steps.exit", "exit is reserved: \"next\": \"exit\" ends the run");
                return;
              }
              if (!e.getValue().isObject()) {
                top.problem("steps." + e.getKey(), "a step is an object with a type");
                return;
              }
              Step step =
                  StepReader.read(new Fields(e.getValue(), "steps." + e.getKey(), top.problems()));
              if (step != null) {
                steps.put(e.getKey(), step);
              }
            });
    return steps;
  }

  /** Every next names a step or exit; every step can be reached from start is not required. */
  private static void checkReferences(Map<String, Step> steps, List<DefinitionProblem> problems) {
    Set<String> reported = new HashSet<>();
    steps.forEach(
        (key, step) -> {
          for (String next : step.exits()) {
            if (!next.isEmpty() && !next.equals(Step.EXIT) && !steps.containsKey(next)) {
              if (reported.add(key + "→" + next)) {
                problems.add(
                    new DefinitionProblem(
                        "steps." + key,
                        "step " + key + " leads to " + next + ", which is no step"));
              }
            }
          }
        });
  }
}
