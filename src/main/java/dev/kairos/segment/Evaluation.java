package dev.kairos.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kairos.segment.condition.InMemoryEvaluator;
import dev.kairos.segment.condition.Person;
import dev.kairos.segment.condition.Verdict;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/**
 * Evaluates saved segments for one person at a time, in memory, and turns the verdict into what a
 * membership stores: member or not, the reasons as JSON, and the deadline at which a clock could
 * change it.
 */
public final class Evaluation {
  private final SegmentCatalog catalog;
  private final ZoneId workspaceZone;
  private final ObjectMapper mapper;

  public Evaluation(SegmentCatalog catalog, ZoneId workspaceZone, ObjectMapper mapper) {
    this.catalog = catalog;
    this.workspaceZone = workspaceZone;
    this.mapper = mapper;
  }

  /** A person who no longer exists as such (deleted, merged into another) belongs nowhere. */
  public MembershipVerdict absent(UUID profileId) {
    return new MembershipVerdict(profileId, false, mapper.createArrayNode(), null);
  }

  public MembershipVerdict verdict(SegmentCatalog.Active segment, Person person, Instant now) {
    Verdict verdict =
        new InMemoryEvaluator(catalog, workspaceZone).evaluate(segment.condition(), person, now);
    JsonNode reasons = mapper.valueToTree(verdict.reasons());
    return new MembershipVerdict(
        person.id(), verdict.member(), reasons, verdict.nextChange().orElse(null));
  }

  public SegmentCatalog catalog() {
    return catalog;
  }
}
