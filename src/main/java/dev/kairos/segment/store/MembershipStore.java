package dev.kairos.segment.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kairos.platform.db.Sql;
import dev.kairos.segment.MembershipChange;
import dev.kairos.segment.MembershipVerdict;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Writes verdicts as memberships, in the caller's transaction: an entry opens a membership row, an
 * exit closes it, a member who stays is left as they are (not re-entered). Each change goes to the
 * feed ({@link SegmentFeed}); each verdict's deadline replaces the stored one.
 */
public final class MembershipStore {
  private final ObjectMapper mapper;
  private final SegmentFeed feed;

  public MembershipStore(ObjectMapper mapper, SegmentFeed feed) {
    this.mapper = mapper;
    this.feed = feed;
  }

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
    if (verdicts.isEmpty()) {
      return List.of();
    }
    List<UUID> ids = new ArrayList<>(verdicts.size());
    verdicts.forEach(v -> ids.add(v.profileId()));
    Set<UUID> current = currentMembers(c, segmentKey, ids);
    List<MembershipVerdict> entering = new ArrayList<>();
    List<UUID> exiting = new ArrayList<>();
    for (MembershipVerdict verdict : verdicts) {
      boolean was = current.contains(verdict.profileId());
      if (verdict.member() && !was) {
        entering.add(verdict);
      } else if (!verdict.member() && was) {
        exiting.add(verdict.profileId());
      }
    }
    enter(c, segmentKey, entering, now);
    exit(c, segmentKey, exiting, now);
    if (timeDependent) {
      deadlines(c, segmentKey, verdicts);
    }
    List<MembershipChange> changes = new ArrayList<>(entering.size() + exiting.size());
    for (MembershipVerdict v : entering) {
      changes.add(change(segmentKey, segmentName, v.profileId(), true, now, cause));
    }
    for (UUID id : exiting) {
      changes.add(change(segmentKey, segmentName, id, false, now, cause));
    }
    return feed.append(c, changes);
  }

  /** Which of the profiles are members of the segment now. */
  static Set<UUID> currentMembers(Connection c, String segmentKey, List<UUID> ids)
      throws SQLException {
    Set<UUID> members = new HashSet<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select profile_id from segment_memberships where segment_key = ? and profile_id ="
                + " any(?::uuid[]) and exited_at is null")) {
      ps.setString(1, segmentKey);
      ps.setArray(2, Sql.uuids(c, ids));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          members.add(rs.getObject(1, UUID.class));
        }
      }
    }
    return members;
  }

  private void enter(Connection c, String key, List<MembershipVerdict> entering, Instant now)
      throws SQLException {
    if (entering.isEmpty()) {
      return;
    }
    List<UUID> ids = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (MembershipVerdict v : entering) {
      ids.add(v.profileId());
      reasons.add(v.reasons() == null ? "[]" : json(v.reasons()));
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into segment_memberships (segment_key, profile_id, entered_at, reasons)"
                + " select ?, u.id, ?, u.reasons::jsonb from unnest(?::uuid[], ?::text[]) as u"
                + " (id, reasons) on conflict do nothing")) {
      ps.setString(1, key);
      ps.setTimestamp(2, Timestamp.from(now));
      ps.setArray(3, Sql.uuids(c, ids));
      ps.setArray(4, Sql.texts(c, reasons));
      ps.executeUpdate();
    }
  }

  private static void exit(Connection c, String key, List<UUID> exiting, Instant now)
      throws SQLException {
    if (exiting.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "update segment_memberships set exited_at = ? where segment_key = ? and profile_id ="
                + " any(?::uuid[]) and exited_at is null")) {
      ps.setTimestamp(1, Timestamp.from(now));
      ps.setString(2, key);
      ps.setArray(3, Sql.uuids(c, exiting));
      ps.executeUpdate();
    }
  }

  /** Stores each verdict's deadline, and forgets the deadline of a verdict that has none. */
  static void deadlines(Connection c, String key, List<MembershipVerdict> verdicts)
      throws SQLException {
    List<UUID> due = new ArrayList<>();
    List<Timestamp> at = new ArrayList<>();
    List<UUID> none = new ArrayList<>();
    for (MembershipVerdict v : verdicts) {
      if (v.deadline() == null) {
        none.add(v.profileId());
      } else {
        due.add(v.profileId());
        at.add(Timestamp.from(v.deadline()));
      }
    }
    if (!none.isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "delete from segment_deadlines where segment_key = ? and profile_id ="
                  + " any(?::uuid[])")) {
        ps.setString(1, key);
        ps.setArray(2, Sql.uuids(c, none));
        ps.executeUpdate();
      }
    }
    if (!due.isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "insert into segment_deadlines (segment_key, profile_id, due_at) select ?, u.id,"
                  + " u.due from unnest(?::uuid[], ?::timestamptz[]) as u (id, due) on conflict"
                  + " (segment_key, profile_id) do update set due_at = excluded.due_at")) {
        ps.setString(1, key);
        ps.setArray(2, Sql.uuids(c, due));
        ps.setArray(3, c.createArrayOf("timestamptz", at.toArray()));
        ps.executeUpdate();
      }
    }
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
