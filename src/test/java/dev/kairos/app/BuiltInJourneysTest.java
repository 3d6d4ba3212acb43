package dev.kairos.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.journey.DefinitionReader;
import dev.kairos.journey.Reading;
import dev.kairos.journey.Step;
import dev.kairos.template.Template;
import dev.kairos.template.TemplateRenderer;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuiltInJourneysTest {
  @Test
  void every_built_in_journey_is_valid_and_sends_only_templates_that_are_built_in_and_render() {
    Set<String> templates = new HashSet<>();
    TemplateRenderer renderer = new TemplateRenderer();
    for (JsonNode t : BuiltInJourneys.read("journeys/templates.json")) {
      templates.add(t.get("key").asText());
      Template template =
          new Template(
              t.get("key").asText(),
              "email",
              t.get("subject").asText(),
              t.get("html").asText(),
              null,
              null);
      assertThat(renderer.problem(template.subject())).as(template.key()).isEmpty();
      assertThat(renderer.problem(template.html())).as(template.key()).isEmpty();
    }
    assertThat(BuiltInJourneys.index()).hasSizeGreaterThanOrEqualTo(9);
    for (String file : BuiltInJourneys.index()) {
      Reading reading = DefinitionReader.read(BuiltInJourneys.read("journeys/" + file));
      assertThat(reading).as(file).isInstanceOf(Reading.Valid.class);
      ((Reading.Valid) reading)
          .definition().steps().values().stream()
              .filter(s -> s instanceof Step.Send)
              .forEach(s -> assertThat(templates).as(file).contains(((Step.Send) s).template()));
    }
  }
}
