package dev.kairos.identity.store;

import dev.kairos.identity.Identifier;
import dev.kairos.identity.Separation;
import dev.kairos.platform.db.Columns;
import dev.kairos.platform.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Separations: groups of identifiers operators keep apart (tables {@code separations*}). */
public final class SeparationStore {

  /** A separation as the identity API shows it, with the links it refused. */
  public record Recorded(
      Separation separation,
      Long mergeId,
      Instant createdAt,
      int refusedLinks,
      Instant lastRefusedAt,
      String lastRefusedMessageId) {}

  /** A link refused by a separation: the event that made it, and when it was applied. */
  public record Refusal(long separationId, String messageId, Instant at) {}

  /** Every separation, with its identifiers. */
  public List<Separation> all(Connection c) throws SQLException {
    List<Recorded> recorded = select(c, "true");
    List<Separation> all = new ArrayList<>(recorded.size());
    for (Recorded r : recorded) {
      all.add(r.separation());
    }
    return all;
  }

  /** The separations one of whose sides holds one of the identifiers. */
  public List<Recorded> touching(Connection c, Collection<Identifier> identifiers)
      throws SQLException {
    if (identifiers.isEmpty()) {
      return List.of();
    }
    Columns keys = new Columns(2);
    for (Identifier identifier : identifiers) {
      keys.row(identifier.kind(), identifier.value());
    }
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select distinct s.separation_id from separation_identifiers s"
                + " join unnest(?::text[], ?::text[]) as q(kind, value)"
                + " on s.kind = q.kind and s.value = q.value")) {
      keys.bind(c, ps, 1);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    if (ids.isEmpty()) {
      return List.of();
    }
    return select(c, "s.id = any(?)", c.createArrayOf("bigint", ids.toArray()));
  }

  /** Records a separation; returns its id. */
  public long create(
      Connection c,
      Long mergeId,
      Collection<Identifier> first,
      Collection<Identifier> second,
      Instant at)
      throws SQLException {
    long id =
        Sql.list(
                c,
                "insert into separations (merge_id, created_at) values (?, ?) returning id",
                rs -> rs.getLong(1),
                mergeId,
                Sql.timestamp(at))
            .get(0);
    Columns rows = new Columns(4);
    for (Identifier identifier : new HashSet<>(first)) {
      rows.row(id, 1, identifier.kind(), identifier.value());
    }
    for (Identifier identifier : new HashSet<>(second)) {
      rows.row(id, 2, identifier.kind(), identifier.value());
    }
    if (!rows.isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "insert into separation_identifiers (separation_id, side, kind, value)"
                  + " select * from unnest(?::bigint[], ?::smallint[], ?::text[], ?::text[])")) {
        rows.bind(c, ps, 1);
        ps.executeUpdate();
      }
    }
    return id;
  }

  /** Removes a separation; false when there is none with this id. */
  public boolean remove(Connection c, long id) throws SQLException {
    return Sql.update(c, "delete from separations where id = ?", id) > 0;
  }

  /** Removes the separations one of whose sides holds one of the identifiers; returns how many. */
  public int removeTouching(Connection c, Collection<Identifier> identifiers) throws SQLException {
    int removed = 0;
    for (Recorded r : touching(c, identifiers)) {
      removed += Sql.update(c, "delete from separations where id = ?", r.separation().id());
    }
    return removed;
  }

  /** Counts the refused links, keeping the last one of each separation. */
  public void refused(Connection c, List<Refusal> refusals) throws SQLException {
    Map<Long, Integer> counts = new LinkedHashMap<>();
    Map<Long, Refusal> last = new LinkedHashMap<>();
    for (Refusal refusal : refusals) {
      counts.merge(refusal.separationId(), 1, Integer::sum);
      last.put(refusal.separationId(), refusal);
    }
    for (Map.Entry<Long, Integer> count : counts.entrySet()) {
      Refusal refusal = last.get(count.getKey());
      Sql.update(
          c,
          "update separations set refused_links = refused_links + ?, last_refused_at = ?,"
              + " last_refused_message_id = ? where id = ?",
          count.getValue(),
          Sql.timestamp(refusal.at()),
          refusal.messageId(),
          count.getKey());
    }
  }

  private List<Recorded> select(Connection c, String where, Object... params) throws SQLException {
    Map<Long, Recorded> found = new LinkedHashMap<>();
    Map<Long, Set<Identifier>> firsts = new LinkedHashMap<>();
    Map<Long, Set<Identifier>> seconds = new LinkedHashMap<>();
    List<Recorded> heads =
        Sql.list(
            c,
            "select s.id, s.merge_id, s.created_at, s.refused_links, s.last_refused_at,"
                + " s.last_refused_message_id from separations s where "
                + where
                + " order by s.id",
            rs ->
                new Recorded(
                    new Separation(rs.getLong("id"), Set.of(), Set.of()),
                    (Long) rs.getObject("merge_id"),
                    Sql.instant(rs, "created_at"),
                    rs.getInt("refused_links"),
                    Sql.instant(rs, "last_refused_at"),
                    rs.getString("last_refused_message_id")),
            params);
    if (heads.isEmpty()) {
      return List.of();
    }
    for (Recorded head : heads) {
      long id = head.separation().id();
      found.put(id, head);
      firsts.put(id, new HashSet<>());
      seconds.put(id, new HashSet<>());
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "select separation_id, side, kind, value from separation_identifiers"
                + " where separation_id = any(?)")) {
      ps.setArray(1, c.createArrayOf("bigint", found.keySet().toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Identifier identifier = new Identifier(rs.getString(3), rs.getString(4));
          (rs.getInt(2) == 1 ? firsts : seconds).get(rs.getLong(1)).add(identifier);
        }
      }
    }
    List<Recorded> all = new ArrayList<>(found.size());
    for (Recorded head : found.values()) {
      long id = head.separation().id();
      all.add(
          new Recorded(
              new Separation(id, firsts.get(id), seconds.get(id)),
              head.mergeId(),
              head.createdAt(),
              head.refusedLinks(),
              head.lastRefusedAt(),
              head.lastRefusedMessageId()));
    }
    return all;
  }
}
