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
   * Takes (deletes) up to {@code limit} deadlines that have passed, earliest first, skipping those
   * another node holds: only these rows are read (the index on due_at), never the whole table. A
   * rollback gives them back; the re-evaluation in the same transaction stores the next ones.
   */
  public List<Due> claim(Connection c, Instant now, int limit) throws SQLException {
    return Sql.list(
        c,
        "delete from segment_deadlines d using (select segment_key, profile_id from"
            + " segment_deadlines where due_at <= ? order by due_at limit ? for update skip locked)"
            + " as due where d.segment_key = due.segment_key and d.profile_id = due.profile_id"
            + " returning d.segment_key, d.profile_id, d.due_at",
        rs -> new Due(rs.getString(1), rs.getObject(2, UUID.class), Sql.instant(rs, "due_at")),
        Sql.timestamp(now),
        limit);
  }
}
