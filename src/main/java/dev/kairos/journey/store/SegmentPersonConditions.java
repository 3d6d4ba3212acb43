package dev.kairos.journey.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.journey.ConditionResult;
import dev.kairos.journey.PersonConditions;
import dev.kairos.platform.db.Database;
import dev.kairos.segment.SegmentCatalog;
import dev.kairos.segment.condition.Condition;
import dev.kairos.segment.condition.Dependencies;
import dev.kairos.segment.condition.InMemoryEvaluator;
import dev.kairos.segment.condition.ParseResult;
import dev.kairos.segment.condition.Person;
import dev.kairos.segment.condition.Reason;
import dev.kairos.segment.condition.Verdict;
import dev.kairos.segment.store.PersonSource;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code condition} and {@code split} steps in the segment language: the step's JSON parsed by the
 * segments' parser (references to saved segments expanded, as the segments' own evaluators do), the
 * person loaded with just the behaviour the condition reads, and the in-memory evaluator asked
 * about them now. The explanation names each leaf, whether it held and what was seen.
 */
public final class SegmentPersonConditions implements PersonConditions {
  private final Database database;
  private final SegmentCatalog segments;
  private final PersonSource people;
  private final ZoneId workspaceZone;

  public SegmentPersonConditions(
      Database database, SegmentCatalog segments, PersonSource people, ZoneId workspaceZone) {
    this.database = database;
    this.segments = segments;
    this.people = people;
    this.workspaceZone = workspaceZone;
  }

  @Override
  public ConditionResult holds(UUID profileId, JsonNode condition, Instant now) {
    segments.refresh();
    ParseResult parsed = segments.parser().parse(condition);
    if (parsed instanceof ParseResult.Invalid invalid) {
      // saved before a segment it names was deleted, for instance: the run stops here, saying why
      return new ConditionResult.Unavailable(
          "the condition is no longer valid: "
              + invalid.problems().stream()
                  .map(p -> p.path() + " " + p.message())
                  .collect(Collectors.joining("; ")));
    }
    Condition valid = ((ParseResult.Valid) parsed).condition();
    Dependencies reads = Dependencies.of(valid, segments);
    Map<UUID, Person> loaded = database.read(c -> people.load(c, List.of(profileId), reads));
    Person person = loaded.get(profileId);
    if (person == null) {
      return new ConditionResult.Holds(false, "no such profile (deleted or merged)");
    }
    Verdict verdict = new InMemoryEvaluator(segments, workspaceZone).evaluate(valid, person, now);
    return new ConditionResult.Holds(verdict.member(), explanation(verdict.reasons()));
  }

  private static String explanation(List<Reason> reasons) {
    return reasons.stream()
        .map(
            r ->
                r.condition()
                    + (r.held() ? " held" : " did not hold")
                    + (r.seen() == null || r.seen().isNull() ? "" : " (seen " + r.seen() + ")"))
        .collect(Collectors.joining("; "));
  }
}
