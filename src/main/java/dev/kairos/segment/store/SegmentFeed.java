package dev.kairos.segment.store;

import dev.kairos.platform.db.Sql;
import dev.kairos.segment.MembershipChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The durable, ordered feed of membership changes ({@code segment_changes}): appended in the same
 * transaction as the memberships it reports, read by consumers after their own cursor ({@code
 * segment_feed_cursors}). docs/segments.md ("The membership feed") describes it for consumers.
 */
public final class SegmentFeed {
  /**
   * The advisory lock writers hold until they commit, so {@code seq} values become visible in
   * order: a consumer that has read up to seq N never later finds a row below N.
   */
  static final long WRITERS_LOCK = 0x5e6_7e47L;

  /** Appends the changes (in the caller's transaction); returns them with their {@code seq}. */
  public List<MembershipChange> append(Connection c, List<MembershipChange> changes)
      throws SQLException {
    if (changes.isEmpty()) {
      return changes;
    }
    Sql.list(c, "select pg_advisory_xact_lock(?)", rs -> null, WRITERS_LOCK);
    List<String> keys = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<java.util.UUID> ids = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    List<Timestamp> times = new ArrayList<>();
    List<String> causes = new ArrayList<>();
    for (MembershipChange change : changes) {
      keys.add(change.segmentKey());
      names.add(change.segmentName());
      ids.add(change.profileId());
      kinds.add(change.kind().value());
      times.add(Timestamp.from(change.changedAt()));
      causes.add(change.cause().value());
    }
    List<MembershipChange> appended = new ArrayList<>(changes.size());
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into segment_changes (segment_key, segment_name, profile_id, change,"
                + " changed_at, cause) select k, n, p, ch, t, ca from unnest(?::text[], ?::text[], ?::uuid[],"
                + " ?::text[], ?::timestamptz[], ?::text[]) with ordinality as u (k, n, p, ch, t,"
                + " ca, o) order by o returning seq")) {
      ps.setArray(1, Sql.texts(c, keys));
      ps.setArray(2, Sql.texts(c, names));
      ps.setArray(3, Sql.uuids(c, ids));
      ps.setArray(4, Sql.texts(c, kinds));
      ps.setArray(5, c.createArrayOf("timestamptz", times.toArray()));
      ps.setArray(6, Sql.texts(c, causes));
      try (ResultSet rs = ps.executeQuery()) {
        int i = 0;
        while (rs.next()) {
          MembershipChange change = changes.get(i++);
          appended.add(
              new MembershipChange(
                  rs.getLong(1),
                  change.segmentKey(),
                  change.segmentName(),
                  change.profileId(),
                  change.kind(),
                  change.changedAt(),
                  change.cause()));
        }
      }
    }
    return appended;
  }

  /** The changes after {@code seq}, oldest first, at most {@code limit}. */
  public List<MembershipChange> after(Connection c, long seq, int limit) throws SQLException {
    return Sql.list(
        c,
        "select seq, segment_key, segment_name, profile_id, change, changed_at, cause from"
            + " segment_changes where seq > ? order by seq limit ?",
        rs ->
            new MembershipChange(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getObject(4, java.util.UUID.class),
                MembershipChange.Kind.valueOf(rs.getString(5).toUpperCase(Locale.ROOT)),
                Sql.instant(rs, "changed_at"),
                MembershipChange.Cause.valueOf(rs.getString(7).toUpperCase(Locale.ROOT))),
        seq,
        limit);
  }

  /**
   * Locks a consumer's cursor (creating it at 0) until the transaction ends, so one node at a time
   * consumes for it; empty when another node holds it.
   */
  public Optional<Long> claimCursor(Connection c, String consumer) throws SQLException {
    Sql.update(
        c,
        "insert into segment_feed_cursors (consumer, seq) values (?, 0) on conflict do nothing",
        consumer);
    return Sql.list(
            c,
            "select seq from segment_feed_cursors where consumer = ? for update skip locked",
            rs -> rs.getLong(1),
            consumer)
        .stream()
        .findFirst();
  }

  public void advance(Connection c, String consumer, long seq) throws SQLException {
    Sql.update(c, "update segment_feed_cursors set seq = ? where consumer = ?", seq, consumer);
  }
}
