package dev.kairos.segment.store;

import dev.kairos.platform.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The stored deadlines at which a clock can change a membership ({@code segment_deadlines}). */
public final class DeadlineStore {

  /** A passed deadline: who to evaluate again, for which segment, and when it was due. */
  public record Due(String segmentKey, UUID profileId, Instant dueAt) {}

  /**
   * Leases up to {@code limit} deadlines that have passed, earliest first, skipping those another
   * node holds: their due_at moves to {@code leaseUntil}, so once this commits no other node takes
   * them, and if this node stops before evaluating them they are due again when the lease ends.
   * Only these rows are read (the index on due_at), never the whole table. The evaluation that
   * follows replaces each with the next deadline (or deletes it).
   */
  public List<Due> lease(Connection c, Instant now, Instant leaseUntil, int limit)
      throws SQLException {
    return Sql.list(
        c,
        "update segment_deadlines d set due_at = ? from (select segment_key, profile_id, due_at"
            + " from segment_deadlines where due_at <= ? order by due_at limit ? for update skip"
            + " locked) as due where d.segment_key = due.segment_key and d.profile_id ="
            + " due.profile_id returning d.segment_key, d.profile_id, due.due_at",
        rs -> new Due(rs.getString(1), rs.getObject(2, UUID.class), Sql.instant(rs, "due_at")),
        Sql.timestamp(leaseUntil),
        Sql.timestamp(now),
        limit);
  }

  /** Forgets a leased deadline whose segment is gone or no longer parses. */
  public void forget(Connection c, String segmentKey, UUID profileId) throws SQLException {
    Sql.update(
        c,
        "delete from segment_deadlines where segment_key = ? and profile_id = ?",
        segmentKey,
        profileId);
  }
}
