package dev.kairos.journey;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.segment.condition.ConditionParser;
import dev.kairos.segment.condition.ParseResult;
import dev.kairos.segment.condition.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The segment language as journeys use it: the conditions of {@code condition} and {@code split}
 * steps are read by the segments' {@link ConditionParser} when a journey is saved, and each problem
 * is reported at the step's field followed by the condition's own JSON path ({@code
 * steps.check.condition.and[1].op}).
 */
public final class ConditionLanguage {
  private final Supplier<ConditionParser> parser;

  /**
   * @param parser a parser that knows the saved segments now (references to unknown segments are
   *     problems)
   */
  public ConditionLanguage(Supplier<ConditionParser> parser) {
    this.parser = parser;
  }

  /** A reading whose conditions the segment language refuses becomes invalid, naming each one. */
  public Reading check(Reading reading) {
    if (!(reading instanceof Reading.Valid valid)) {
      return reading;
    }
    List<DefinitionProblem> problems = problems(valid.definition());
    return problems.isEmpty() ? reading : new Reading.Invalid(problems);
  }

  /** Every problem of every condition in the journey's steps, in step order. */
  public List<DefinitionProblem> problems(JourneyDefinition journey) {
    ConditionParser conditions = parser.get();
    List<DefinitionProblem> problems = new ArrayList<>();
    if (journey.trigger() instanceof Trigger.Broadcast b && !b.segment().isEmpty()) {
      // a broadcast's segment must exist: read as a reference, the parser says so when it does not
      JsonNode reference =
          com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
              .objectNode()
              .put("segment", b.segment());
      if (conditions.parse(reference) instanceof ParseResult.Invalid invalid) {
        for (Problem p : invalid.problems()) {
          problems.add(new DefinitionProblem("trigger.broadcast.segment", p.message()));
        }
      }
    }
    for (Map.Entry<String, Step> e : journey.steps().entrySet()) {
      String at = "steps." + e.getKey();
      if (e.getValue() instanceof Step.Condition c) {
        check(conditions, c.condition(), at + ".condition", problems);
      } else if (e.getValue() instanceof Step.Split s) {
        for (int i = 0; i < s.branches().size(); i++) {
          check(
              conditions,
              s.branches().get(i).condition(),
              at + ".branches[" + i + "].condition",
              problems);
        }
      }
    }
    return problems;
  }

  private static void check(
      ConditionParser conditions, JsonNode condition, String field, List<DefinitionProblem> into) {
    if (conditions.parse(condition) instanceof ParseResult.Invalid invalid) {
      for (Problem p : invalid.problems()) {
        into.add(new DefinitionProblem(field + p.path().substring(1), p.message()));
      }
    }
  }
}
