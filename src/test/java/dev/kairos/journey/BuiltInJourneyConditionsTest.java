package dev.kairos.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kairos.segment.condition.Condition;
import dev.kairos.segment.condition.ConditionParser;
import dev.kairos.segment.condition.SegmentDefinitions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The built-in journeys are saved without the management API, so nothing else checks their
 * conditions against the segment language before they run: every one must parse (segments they name
 * are taken to exist).
 */
class BuiltInJourneyConditionsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void every_condition_of_the_built_in_journeys_is_valid_segment_language() throws IOException {
    Condition any = new Condition.HasIdentifier("email");
    SegmentDefinitions everySegment = key -> Optional.of(any);
    ConditionLanguage language = new ConditionLanguage(() -> new ConditionParser(everySegment));
    List<String> problems = new ArrayList<>();
    int conditions = 0;
    for (String file : resource("journeys/index.txt").split("\n")) {
      if (file.isBlank()) {
        continue;
      }
      Reading reading = DefinitionReader.read(JSON.readTree(resource("journeys/" + file.strip())));
      assertThat(reading).as(file).isInstanceOf(Reading.Valid.class);
      JourneyDefinition journey = ((Reading.Valid) reading).definition();
      conditions +=
          journey.steps().values().stream()
              .mapToInt(
                  s ->
                      s instanceof Step.Condition
                          ? 1
                          : s instanceof Step.Split split ? split.branches().size() : 0)
              .sum();
      language.problems(journey).forEach(p -> problems.add(file + " " + p));
    }
    assertThat(conditions).as("the built-ins have conditions to check").isPositive();
    assertThat(problems).isEmpty();
  }

  @Test
  void a_problem_is_named_by_its_step_and_the_conditions_json_path() {
    JsonNode document =
        read(
            """
            {"key": "k", "trigger": {"event": "E"}, "start": "c",
             "steps": {"c": {"type": "condition", "yes": "exit", "no": "exit",
                             "condition": {"or": [{"trait": "plan", "op": "eq", "value": "gold"},
                                                  {"field": "orders_count", "op": "starts_with", "value": 1}]}}}}""");
    Reading reading =
        new ConditionLanguage(() -> new ConditionParser(SegmentDefinitions.NONE))
            .check(DefinitionReader.read(document));
    assertThat(reading).isInstanceOf(Reading.Invalid.class);
    assertThat(((Reading.Invalid) reading).problems())
        .extracting(DefinitionProblem::field)
        .allMatch(f -> f.startsWith("steps.c.condition.or[1]"), "inside the second alternative");
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String resource(String path) throws IOException {
    try (InputStream in =
        BuiltInJourneyConditionsTest.class.getClassLoader().getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
