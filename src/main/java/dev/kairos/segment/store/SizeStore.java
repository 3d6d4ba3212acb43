package dev.kairos.segment.store;

import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.time.LocalDate;
import java.util.List;

/** The daily member count of each segment ({@code segment_sizes}), for charts. */
public final class SizeStore {
  private final Database database;

  public SizeStore(Database database) {
    this.database = database;
  }

  /** A segment's size on a day. */
  public record Size(LocalDate day, long members) {}

  /**
   * Records every segment's current size as its size on {@code day} (again the same day: the newer
   * count wins).
   */
  public int record(LocalDate day) {
    return database.inTransaction(
        c ->
            Sql.update(
                c,
                "insert into segment_sizes (segment_key, day, members) select s.key, ?,"
                    + " (select count(*) from segment_memberships m where m.segment_key = s.key"
                    + " and m.exited_at is null) from segments s on conflict (segment_key, day) do"
                    + " update set members = excluded.members",
                java.sql.Date.valueOf(day)));
  }

  /** Whether any segment lacks a size for {@code day}. */
  public boolean missing(LocalDate day) {
    return database.read(
        c ->
            Sql.list(
                    c,
                    "select exists (select 1 from segments s where not exists (select 1 from"
                        + " segment_sizes z where z.segment_key = s.key and z.day = ?))",
                    rs -> rs.getBoolean(1),
                    java.sql.Date.valueOf(day))
                .get(0));
  }

  /**
   * The newest full run of the profile scores' recompute (RFM, lifecycle, CLV write profile columns
   * without an event): 0 when none ran yet. Incremental passes (every few minutes) are not counted:
   * recomputing every segment that reads a score after each would cost more than they change.
   */
  public long latestScoreRun() {
    return database.read(
        c ->
            Sql.list(
                    c,
                    "select coalesce(max(id), 0) from profile_intelligence_runs where kind = 'full'",
                    rs -> rs.getLong(1))
                .get(0));
  }

  /** A segment's sizes from {@code from} on, oldest first. */
  public List<Size> sizes(String key, LocalDate from) {
    return database.read(
        c ->
            Sql.list(
                c,
                "select day, members from segment_sizes where segment_key = ? and day >= ? order"
                    + " by day",
                rs -> new Size(rs.getDate(1).toLocalDate(), rs.getLong(2)),
                key,
                java.sql.Date.valueOf(from)));
  }
}
