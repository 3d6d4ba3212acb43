package dev.kairos.intelligence.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.intelligence.RecomputeSummary;
import dev.kairos.intelligence.StepOutcome;

/** A recompute summary as JSON: stored with the run and answered by the management API. */
public final class RecomputeSummaryJson {
  private RecomputeSummaryJson() {}

  public static ObjectNode of(RecomputeSummary summary, ObjectMapper mapper) {
    ObjectNode json = mapper.createObjectNode();
    json.put("kind", summary.kind().value());
    json.put("as_of", summary.asOf().toString());
    json.put("started_at", summary.startedAt().toString());
    json.put("changed_since", summary.changedSince().map(Object::toString).orElse(null));
    json.put("profiles", summary.profiles());
    json.put("stage_changes", summary.stageChanges());
    json.put("duration_ms", summary.durationMillis());
    json.put("read_ms", summary.readMillis());
    ObjectNode steps = json.putObject("steps");
    for (StepOutcome outcome : summary.steps()) {
      ObjectNode step = steps.putObject(outcome.step());
      step.put("profiles_changed", outcome.profilesChanged());
      step.put("events", outcome.events());
      outcome.figures().forEach((name, value) -> step.set(name, mapper.valueToTree(value)));
    }
    return json;
  }
}
