package dev.kairos.journey.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.journey.ConditionResult;
import dev.kairos.journey.PersonConditions;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import dev.kairos.segment.SegmentCatalog;
import dev.kairos.segment.condition.Condition;
import dev.kairos.segment.condition.Dependencies;
import dev.kairos.segment.condition.InMemoryEvaluator;
import dev.kairos.segment.condition.ParseResult;
import dev.kairos.segment.condition.Person;
import dev.kairos.segment.condition.Reason;
import dev.kairos.segment.condition.Verdict;
import dev.kairos.segment.store.PersonSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code condition} and {@code split} steps in the segment language: the step's JSON parsed by the
 * segments' parser (references to saved segments expanded, as the segments' own evaluators do), the
 * person loaded with just the behaviour the condition reads, and the in-memory evaluator asked
 * about them now (a profile merged away is followed to the one it became). The explanation names
 * each leaf, whether it held and what was seen.
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
    Person person = database.read(c -> load(c, profileId, reads));
    if (person == null) {
      return new ConditionResult.Holds(false, "no such profile (deleted)");
    }
    Verdict verdict = new InMemoryEvaluator(segments, workspaceZone).evaluate(valid, person, now);
    return new ConditionResult.Holds(verdict.member(), explanation(verdict.reasons()));
  }

  /**
   * The person now: a profile merged into another since the run started is followed to the one it
   * became (as deliveries are), so an anonymous visitor who logged in is judged with everything now
   * known of them.
   */
  private Person load(Connection c, UUID profileId, Dependencies reads) throws SQLException {
    UUID id = profileId;
    for (int hops = 0; id != null && hops < 100; hops++) {
      Person person = people.load(c, List.of(id), reads).get(id);
      if (person != null) {
        return person;
      }
      id =
          Sql.list(
                  c,
                  "select merged_into from profiles where id = ?",
                  rs -> Sql.uuid(rs, "merged_into"),
                  id)
              .stream()
              .filter(java.util.Objects::nonNull)
              .findFirst()
              .orElse(null);
    }
    return null;
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
