package dev.kairos.journey.store;

import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many runs of a journey went through each step, from the runs' traces: what the canvas shows
 * on each node beside the people waiting there now.
 */
public final class StepCounts {
  private final Database database;

  public StepCounts(Database database) {
    this.database = database;
  }

  /** Runs (of every version) that reached each step, by step key. */
  public Map<String, Long> passedThrough(String journeyKey) {
    return database.read(
        c -> {
          Map<String, Long> counts = new LinkedHashMap<>();
          Sql.list(
              c,
              "select t.step, count(distinct t.run_id) from journey_runs r"
                  + " join journey_trace t on t.run_id = r.id"
                  + " where r.journey_key = ? and t.step <> '' and t.type <> 'delivery'"
                  + " group by t.step order by t.step",
              rs -> counts.put(rs.getString(1), rs.getLong(2)),
              journeyKey);
          return counts;
        });
  }
}
