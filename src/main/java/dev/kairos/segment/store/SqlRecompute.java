package dev.kairos.segment.store;

import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import dev.kairos.segment.MembershipChange;
import dev.kairos.segment.SegmentCatalog;
import dev.kairos.segment.store.sql.SegmentSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * A full recompute by the SQL evaluator, as set operations: the matching ids into a temporary
 * table, then entries for those not in the segment, exits for members no longer matching, their
 * feed rows and, for a segment a clock can change, every person's next deadline (computed in SQL as
 * the in-memory evaluator computes it), in one transaction. Members who stay are not touched.
 * Reasons are left empty here; the API evaluates them when asked. A segment with a clock-dependent
 * leaf SQL does not time (a birthday, {@code days_since_last_order}) is not for this class ({@link
 * #handles}).
 */
public final class SqlRecompute {
  private final Database database;
  private final SegmentSql sql;
  private final SegmentFeed feed;

  public SqlRecompute(Database database, SegmentSql sql, SegmentFeed feed) {
    this.database = database;
    this.sql = sql;
    this.feed = feed;
  }

  /** Whether this recomputes the segment (else the in-memory path must, to find deadlines). */
  public boolean handles(SegmentCatalog.Active segment, Instant now) {
    return !segment.reads().timeDependent() || sql.deadlines(segment.condition(), now).isPresent();
  }

  /** The changes made (entries and exits), in the feed's order. */
  public List<MembershipChange> recompute(SegmentCatalog.Active segment, Instant now) {
    return database.inTransaction(c -> recompute(c, segment, now));
  }

  private List<MembershipChange> recompute(Connection c, SegmentCatalog.Active segment, Instant now)
      throws SQLException {
    String key = segment.key();
    DSL.using(c, SQLDialect.POSTGRES)
        .execute(
            "create temporary table recompute_matching on commit drop as {0}",
            sql.matching(segment.condition(), now));
    Sql.update(c, "create index on recompute_matching (id)");
    Sql.update(c, "analyze recompute_matching");
    List<UUID> exited =
        ids(
            c,
            "update segment_memberships m set exited_at = ? where m.segment_key = ? and"
                + " m.exited_at is null and not exists (select 1 from recompute_matching r where"
                + " r.id = m.profile_id) returning m.profile_id",
            now,
            key);
    List<UUID> entered =
        ids(
            c,
            "insert into segment_memberships (segment_key, profile_id, entered_at) select ?, r.id,"
                + " ? from recompute_matching r where not exists (select 1 from"
                + " segment_memberships m where m.segment_key = ? and m.profile_id = r.id and"
                + " m.exited_at is null) on conflict do nothing returning profile_id",
            key,
            now,
            key);
    Sql.update(c, "delete from segment_deadlines where segment_key = ?", key);
    if (segment.reads().timeDependent()) {
      DSL.using(c, SQLDialect.POSTGRES)
          .execute(
              "insert into segment_deadlines (segment_key, profile_id, due_at) select {0}, d.id,"
                  + " d.due_at from ({1}) as d",
              DSL.val(key), sql.deadlines(segment.condition(), now).orElseThrow());
    }
    List<MembershipChange> changes = new ArrayList<>(entered.size() + exited.size());
    String name = segment.segment().name();
    for (UUID id : entered) {
      changes.add(change(key, name, id, MembershipChange.Kind.ENTERED, now));
    }
    for (UUID id : exited) {
      changes.add(change(key, name, id, MembershipChange.Kind.EXITED, now));
    }
    return feed.append(c, changes);
  }

  private static List<UUID> ids(Connection c, String statement, Object... params)
      throws SQLException {
    List<UUID> ids = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(statement)) {
      for (int i = 0; i < params.length; i++) {
        Object p = params[i];
        ps.setObject(i + 1, p instanceof Instant at ? Timestamp.from(at) : p);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getObject(1, UUID.class));
        }
      }
    }
    return ids;
  }

  private static MembershipChange change(
      String key, String name, UUID id, MembershipChange.Kind kind, Instant at) {
    return new MembershipChange(0, key, name, id, kind, at, MembershipChange.Cause.RECOMPUTE);
  }
}
