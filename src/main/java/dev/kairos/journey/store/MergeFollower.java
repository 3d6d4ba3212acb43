package dev.kairos.journey.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.kairos.journey.Run;
import dev.kairos.journey.TraceEntry;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs follow profile merges. When a profile is merged into another, its active runs move to the
 * surviving profile (the root of the merge chain); where both had an active run of the same
 * journey, the one that entered first goes on and the other ends {@code exited} with a trace saying
 * why (at most one active run per person and journey, unless the journey is concurrent).
 *
 * <p>It reads {@code profile_merges} through the engine's cursor (feed {@code profile_merges}),
 * re-reading the last {@link #OVERLAP} ids each time, since an id can commit after a higher one;
 * moving runs is idempotent. Every {@link #SWEEP} it also looks for any active run of a merged
 * profile, so a merge the cursor passed over is reconciled all the same.
 */
public final class MergeFollower {
  static final int OVERLAP = 200;
  static final Duration SWEEP = Duration.ofHours(1);

  private final Database database;
  private final JourneyEngine engine;
  private final Clock clock;
  private Instant nextSweep = Instant.EPOCH;

  public MergeFollower(Database database, JourneyEngine engine, Clock clock) {
    this.database = database;
    this.engine = engine;
    this.clock = clock;
  }

  /** Reconciles the runs of profiles merged since the last look; the number of runs moved. */
  public synchronized int poll() {
    Instant now = clock.instant();
    boolean sweep = !now.isBefore(nextSweep);
    if (sweep) {
      nextSweep = now.plus(SWEEP);
    }
    return database.inTransaction(
        c -> {
          long position =
              Sql.list(
                      c,
                      "select position from journey_feed_cursors where feed = 'profile_merges'"
                          + " for update",
                      rs -> rs.getLong(1))
                  .get(0);
          long newest =
              Sql.list(c, "select coalesce(max(id), 0) from profile_merges", rs -> rs.getLong(1))
                  .get(0);
          if (newest <= position && !sweep) {
            return 0;
          }
          List<UUID> merged =
              sweep
                  ? Sql.list(
                      c,
                      "select distinct r.profile_id from journey_runs r join profiles p"
                          + " on p.id = r.profile_id where r.status = 'active'"
                          + " and p.merged_into is not null",
                      rs -> Sql.uuid(rs, "profile_id"))
                  : Sql.list(
                      c,
                      "select distinct m.merged_profile_id from profile_merges m"
                          + " join journey_runs r on r.profile_id = m.merged_profile_id"
                          + " and r.status = 'active' where m.id > ?",
                      rs -> Sql.uuid(rs, "merged_profile_id"),
                      Math.max(0, position - OVERLAP));
          int moved = 0;
          for (UUID profile : merged) {
            moved += follow(c, profile, now);
          }
          Sql.update(
              c,
              "update journey_feed_cursors set position = ? where feed = 'profile_merges'",
              Math.max(position, newest));
          return moved;
        });
  }

  /** Moves a merged profile's active runs to the profile it now is; the number moved. */
  int follow(Connection c, UUID merged, Instant now) throws SQLException {
    List<UUID> root =
        Sql.list(
            c,
            "with recursive up (id, parent, depth) as ("
                + " select id, merged_into, 0 from profiles where id = ?"
                + " union all select p.id, p.merged_into, up.depth + 1 from up"
                + " join profiles p on p.id = up.parent where up.depth < 64)"
                + " select id from up where parent is null",
            rs -> Sql.uuid(rs, "id"),
            merged);
    if (root.isEmpty() || root.get(0).equals(merged)) {
      return 0; // not merged (any more), or deleted
    }
    UUID survivor = root.get(0);
    // the survivor's and the merged profile's active runs, locked, oldest first
    List<RunStore.WaitingRun> active = engine.runs().activeOf(c, List.of(survivor, merged));
    Map<String, Run> kept = new HashMap<>();
    List<Run> toMove = new ArrayList<>();
    for (RunStore.WaitingRun w : active) {
      Run run = w.run();
      boolean exclusive = isExclusive(c, run.id());
      Run older = exclusive ? kept.putIfAbsent(run.journeyKey(), run) : null;
      if (older != null) {
        end(c, run, older, survivor, now);
      } else if (run.profileId().equals(merged)) {
        toMove.add(run);
      }
    }
    for (Run run : toMove) {
      Sql.update(c, "update journey_runs set profile_id = ? where id = ?", survivor, run.id());
      engine
          .runs()
          .trace(
              c,
              run.id(),
              new TraceEntry(
                  run.step(),
                  "merge",
                  "followed",
                  JsonNodeFactory.instance
                      .objectNode()
                      .put("from_profile", merged.toString())
                      .put("to_profile", survivor.toString())),
              now);
    }
    return toMove.size();
  }

  private void end(Connection c, Run run, Run older, UUID survivor, Instant now)
      throws SQLException {
    String reason = "profiles merged: an older run of this journey (" + older.id() + ") goes on";
    engine
        .runs()
        .trace(
            c,
            run.id(),
            new TraceEntry(
                run.step(),
                "merge",
                "exited",
                JsonNodeFactory.instance
                    .objectNode()
                    .put("reason", reason)
                    .put("kept_run", older.id().toString())
                    .put("to_profile", survivor.toString())),
            now);
    engine.runs().end(c, run, "exited", reason, now, null);
  }

  private static boolean isExclusive(Connection c, UUID run) throws SQLException {
    return Sql.list(
            c, "select exclusive from journey_runs where id = ?", rs -> rs.getBoolean(1), run)
        .get(0);
  }
}
