package dev.kairos.segment.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kairos.segment.MembershipChange;
import dev.kairos.segment.MembershipVerdict;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Writes verdicts as memberships, in the caller's transaction: an entry opens a membership row, an
 * exit closes it, a member who stays is left as they are (not re-entered). Each change goes to the
 * feed ({@link SegmentFeed}); each verdict's deadline replaces the stored one. Nothing is written
 * for a verdict that changes nothing (the person stays in or out, the deadline did not move).
 */
public final class MembershipStore {
  private final ObjectMapper mapper;
  private final SegmentFeed feed;

  public MembershipStore(ObjectMapper mapper, SegmentFeed feed) {
    this.mapper = mapper;
    this.feed = feed;
  }

  /** One segment's verdicts of a batch. */
  public record SegmentVerdicts(
      String key, String name, boolean timeDependent, List<MembershipVerdict> verdicts) {}

  /**
   * Applies the verdicts on one segment; returns the membership changes they made. {@code
   * timeDependent} false: the segment has no deadlines to keep (only events change it).
   */
  public List<MembershipChange> record(
      Connection c,
      String segmentKey,
      String segmentName,
      boolean timeDependent,
      List<MembershipVerdict> verdicts,
      Instant now,
      MembershipChange.Cause cause)
      throws SQLException {
    return record(
        c,
        List.of(new SegmentVerdicts(segmentKey, segmentName, timeDependent, verdicts)),
        now,
        cause);
  }

  /**
   * Applies the verdicts on several segments with a fixed number of statements, however many
   * segments and people: the stored memberships and deadlines of the people are read once, and only
   * what differs is written (an entry, an exit, a deadline that moved), each kind with one
   * statement; the changes go to the feed together.
   */
  public List<MembershipChange> record(
      Connection c, List<SegmentVerdicts> batch, Instant now, MembershipChange.Cause cause)
      throws SQLException {
    Set<UUID> ids = new HashSet<>();
    Set<String> keys = new HashSet<>();
    boolean anyDeadlines = false;
    for (SegmentVerdicts segment : batch) {
      segment.verdicts().forEach(v -> ids.add(v.profileId()));
      if (!segment.verdicts().isEmpty()) {
        keys.add(segment.key());
        anyDeadlines |= segment.timeDependent();
      }
    }
    if (ids.isEmpty()) {
      return List.of();
    }
    StoredMemberships stored = StoredMemberships.read(c, keys, ids, anyDeadlines);
    MembershipWrites writes = new MembershipWrites();
    List<MembershipChange> changes = new ArrayList<>();
    for (SegmentVerdicts segment : batch) {
      for (MembershipVerdict v : segment.verdicts()) {
        boolean was = stored.member(segment.key(), v.profileId());
        if (v.member() && !was) {
          writes.enter(
              segment.key(), v.profileId(), v.reasons() == null ? "[]" : json(v.reasons()));
          changes.add(change(segment.key(), segment.name(), v.profileId(), true, now, cause));
        } else if (!v.member() && was) {
          writes.exit(segment.key(), v.profileId());
          changes.add(change(segment.key(), segment.name(), v.profileId(), false, now, cause));
        }
        if (segment.timeDependent()) {
          Instant due = v.deadline() == null ? null : v.deadline().truncatedTo(ChronoUnit.MICROS);
          Instant before = stored.deadline(segment.key(), v.profileId());
          if (due == null && before != null) {
            writes.forgetDeadline(segment.key(), v.profileId());
          } else if (due != null && !due.equals(before)) {
            writes.deadline(segment.key(), v.profileId(), due);
          }
        }
      }
    }
    writes.write(c, now);
    return feed.append(c, changes);
  }

  private String json(com.fasterxml.jackson.databind.JsonNode reasons) {
    try {
      return mapper.writeValueAsString(reasons);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static MembershipChange change(
      String key, String name, UUID id, boolean entered, Instant at, MembershipChange.Cause cause) {
    return new MembershipChange(
        0,
        key,
        name,
        id,
        entered ? MembershipChange.Kind.ENTERED : MembershipChange.Kind.EXITED,
        at,
        cause);
  }
}
