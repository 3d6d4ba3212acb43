package dev.kairos.segment.store;

import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Background recomputes of segments ({@code segment_recomputes}) and their progress. */
public final class RecomputeStore {
  private static final String COLUMNS =
      "id, segment_key, version, status, profiles, profiles_done, entered, exited, queued_at,"
          + " started_at, finished_at, error";

  private final Database database;

  public RecomputeStore(Database database) {
    this.database = database;
  }

  /** A recompute and how far it got. */
  public record Recompute(
      long id,
      String segmentKey,
      int version,
      String status,
      int profiles,
      int profilesDone,
      int entered,
      int exited,
      Instant queuedAt,
      Instant startedAt,
      Instant finishedAt,
      String error) {}

  /** Queues a recompute of a segment's current version. */
  public long queue(String key, int version, Instant now) {
    return database.inTransaction(
        c ->
            Sql.list(
                    c,
                    "insert into segment_recomputes (segment_key, version, status, queued_at)"
                        + " values (?, ?, 'queued', ?) returning id",
                    rs -> rs.getLong(1),
                    key,
                    version,
                    Sql.timestamp(now))
                .get(0));
  }

  /**
   * Claims the oldest queued recompute for this node (any node may run it, none twice); a recompute
   * queued again for the same segment since supersedes older ones, which are marked done.
   */
  public Optional<Recompute> claim(Instant now) {
    return database.inTransaction(
        c -> {
          Optional<Recompute> next =
              Sql.list(
                      c,
                      "select "
                          + COLUMNS
                          + " from segment_recomputes where status = 'queued' order by id desc"
                          + " limit 1 for update skip locked",
                      RecomputeStore::read)
                  .stream()
                  .findFirst();
          if (next.isEmpty()) {
            return next;
          }
          Recompute r = next.get();
          Sql.update(
              c,
              "update segment_recomputes set status = 'done', finished_at = ?, error ="
                  + " 'superseded' where segment_key = ? and status = 'queued' and id < ?",
              Sql.timestamp(now),
              r.segmentKey(),
              r.id());
          Sql.update(
              c,
              "update segment_recomputes set status = 'running', started_at = ? where id = ?",
              Sql.timestamp(now),
              r.id());
          return find(c, r.id());
        });
  }

  public void progress(long id, int profiles, int done, int entered, int exited) {
    database.inTransaction(
        c ->
            Sql.update(
                c,
                "update segment_recomputes set profiles = ?, profiles_done = ?, entered = ?,"
                    + " exited = ? where id = ?",
                profiles,
                done,
                entered,
                exited,
                id));
  }

  public void finish(long id, Instant now, String error) {
    database.inTransaction(
        c ->
            Sql.update(
                c,
                "update segment_recomputes set status = ?, finished_at = ?, error = ? where id ="
                    + " ?",
                error == null ? "done" : "failed",
                Sql.timestamp(now),
                error,
                id));
  }

  /** Recomputes a stopped node left running are queued again (at start). */
  public void requeueInterrupted() {
    database.inTransaction(
        c ->
            Sql.update(
                c,
                "update segment_recomputes set status = 'queued' where status = 'running'"
                    + " and started_at < now() - interval '10 minutes'"));
  }

  /** How many live (not merged) profiles there are. */
  public int liveProfiles() {
    return database.read(
        c ->
            Sql.list(
                    c,
                    "select count(*) from profiles where merged_into is null",
                    rs -> rs.getInt(1))
                .get(0));
  }

  /** The next live profile ids after {@code after} (null: from the first), in id order. */
  public java.util.List<java.util.UUID> liveProfiles(java.util.UUID after, int limit) {
    return database.read(
        c ->
            Sql.list(
                c,
                "select id from profiles where merged_into is null and id > ? order by id limit ?",
                rs -> rs.getObject(1, java.util.UUID.class),
                after == null ? new java.util.UUID(0, 0) : after,
                limit));
  }

  /** Current members of a segment who are no longer a live profile (merged away, deleted). */
  public java.util.List<java.util.UUID> departedMembers(String key) {
    return database.read(
        c ->
            Sql.list(
                c,
                "select m.profile_id from segment_memberships m where m.segment_key = ? and"
                    + " m.exited_at is null and not exists (select 1 from profiles p where p.id ="
                    + " m.profile_id and p.merged_into is null)",
                rs -> rs.getObject(1, java.util.UUID.class),
                key));
  }

  /** The newest recompute of a segment. */
  public Optional<Recompute> latest(String key) {
    return database.read(
        c ->
            Sql.list(
                    c,
                    "select "
                        + COLUMNS
                        + " from segment_recomputes where segment_key = ? order by id desc limit"
                        + " 1",
                    RecomputeStore::read,
                    key)
                .stream()
                .findFirst());
  }

  private static Optional<Recompute> find(java.sql.Connection c, long id) throws SQLException {
    return Sql.list(
            c,
            "select " + COLUMNS + " from segment_recomputes where id = ?",
            RecomputeStore::read,
            id)
        .stream()
        .findFirst();
  }

  private static Recompute read(ResultSet rs) throws SQLException {
    return new Recompute(
        rs.getLong(1),
        rs.getString(2),
        rs.getInt(3),
        rs.getString(4),
        rs.getInt(5),
        rs.getInt(6),
        rs.getInt(7),
        rs.getInt(8),
        Sql.instant(rs, "queued_at"),
        Sql.instant(rs, "started_at"),
        Sql.instant(rs, "finished_at"),
        rs.getString(12));
  }
}
