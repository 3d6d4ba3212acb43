package dev.kairos.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.journey.ConditionLanguage;
import dev.kairos.journey.DefinitionProblem;
import dev.kairos.journey.DefinitionReader;
import dev.kairos.journey.JourneyDefinition;
import dev.kairos.journey.Reading;
import dev.kairos.journey.store.JourneyStore;
import java.util.List;
import java.util.Optional;

/**
 * Saves a journey document from the console as a new draft version, checked exactly as {@code POST
 * /api/journeys} and {@code PUT /api/journeys/{key}} check it (the document, then its conditions in
 * the segment language).
 */
final class JourneyDrafts {
  private final JourneyStore journeys;
  private final ConditionLanguage conditions;

  JourneyDrafts(JourneyStore journeys, ConditionLanguage conditions) {
    this.journeys = journeys;
    this.conditions = conditions;
  }

  /** What became of a save. */
  sealed interface Outcome {
    record Saved(String key, int version) implements Outcome {}

    record Invalid(List<DefinitionProblem> problems) implements Outcome {}
  }

  /**
   * Saves {@code document}: a new version of {@code editing} when given (the document's key is made
   * that key), else a new journey, or a new version of it when {@code orNewVersion} (import).
   */
  Outcome save(JsonNode document, Optional<String> editing, boolean orNewVersion) {
    if (editing.isPresent() && document instanceof ObjectNode object) {
      object.put("key", editing.get());
    }
    Reading reading = conditions.check(DefinitionReader.read(document));
    if (reading instanceof Reading.Invalid invalid) {
      return new Outcome.Invalid(invalid.problems());
    }
    JourneyDefinition definition = ((Reading.Valid) reading).definition();
    boolean exists = journeys.summary(definition.key()).isPresent();
    if (editing.isEmpty() && exists && !orNewVersion) {
      return problem("key", "a journey with key " + definition.key() + " exists");
    }
    if (editing.isPresent() && !exists) {
      return problem("key", "no journey " + definition.key());
    }
    return journeys
        .saveDraft(definition, document, !exists)
        .<Outcome>map(version -> new Outcome.Saved(definition.key(), version))
        .orElseGet(() -> problem("key", "journey " + definition.key() + " changed meanwhile"));
  }

  private static Outcome problem(String field, String message) {
    return new Outcome.Invalid(List.of(new DefinitionProblem(field, message)));
  }
}
