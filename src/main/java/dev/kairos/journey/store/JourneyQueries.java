package dev.kairos.journey.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What journeys did: per journey (people per step, exits, sends, conversions) and per person. */
public final class JourneyQueries {
  private final Database database;
  private final RunStore runs;

  public JourneyQueries(Database database, JourneyEngine engine) {
    this.database = database;
    this.runs = engine.runs();
  }

  /** Per-journey figures. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Stats(
      Map<String, Long> peopleAtStep,
      Map<String, Long> endings,
      long entered,
      long sends,
      long conversions,
      BigDecimal revenue) {}

  public Stats stats(String key) {
    return database.read(
        c -> {
          Map<String, Long> atStep = new LinkedHashMap<>();
          Sql.list(
              c,
              "select step, count(*) from journey_runs where journey_key = ? and status = 'active'"
                  + " group by step order by step",
              rs -> atStep.put(rs.getString(1), rs.getLong(2)),
              key);
          Map<String, Long> endings = new LinkedHashMap<>();
          Sql.list(
              c,
              "select status, count(*) from journey_runs where journey_key = ? and status <> 'active'"
                  + " group by status order by status",
              rs -> endings.put(rs.getString(1), rs.getLong(2)),
              key);
          return Sql.list(
                  c,
                  "select count(*), count(*) filter (where status = 'converted'),"
                      + " coalesce(sum(revenue) filter (where status = 'converted'), 0),"
                      + " (select count(*) from journey_trace t join journey_runs r on r.id = t.run_id"
                      + "  where r.journey_key = ? and t.type = 'send' and t.outcome = 'queued')"
                      + " from journey_runs where journey_key = ?",
                  rs ->
                      new Stats(
                          atStep,
                          endings,
                          rs.getLong(1),
                          rs.getLong(4),
                          rs.getLong(2),
                          rs.getBigDecimal(3)),
                  key,
                  key)
              .get(0);
        });
  }

  /** One run with its trace, as {@code GET /api/profiles/{id}/journeys} shows it. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record RunView(
      UUID id,
      String journey,
      int version,
      String status,
      String step,
      Instant enteredAt,
      Instant dueAt,
      String waitingFor,
      Instant endedAt,
      String endReason,
      BigDecimal revenue,
      List<TraceView> trace) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record TraceView(String step, String type, String outcome, Instant at, JsonNode detail) {}

  public List<RunView> runsOf(UUID profileId) {
    return database.read(
        c -> {
          List<RunView> views =
              Sql.list(
                  c,
                  "select id, journey_key, version, status, step, entered_at,"
                      + " due_at, waiting_for, ended_at, end_reason, revenue from journey_runs where profile_id = ?"
                      + " order by entered_at, id",
                  rs ->
                      new RunView(
                          Sql.uuid(rs, "id"),
                          rs.getString(2),
                          rs.getInt(3),
                          rs.getString(4),
                          rs.getString(5),
                          Sql.instant(rs, "entered_at"),
                          Sql.instant(rs, "due_at"),
                          rs.getString(8),
                          Sql.instant(rs, "ended_at"),
                          rs.getString(10),
                          rs.getBigDecimal(11),
                          new java.util.ArrayList<>()),
                  profileId);
          for (RunView run : views) {
            run.trace()
                .addAll(
                    Sql.list(
                        c,
                        "select step, type, outcome, at, detail::text from journey_trace"
                            + " where run_id = ? order by seq",
                        rs ->
                            new TraceView(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                Sql.instant(rs, "at"),
                                runs.tree(rs.getString(5))),
                        run.id()));
          }
          return views;
        });
  }

  /** Adds codes to a coupon pool; the number new to it. */
  public int addCoupons(String pool, List<String> codes) {
    return database.inTransaction(
        c ->
            Sql.update(
                c,
                "insert into coupon_codes (pool, code)"
                    + " select ?, unnest(?::text[]) on conflict do nothing",
                pool,
                Sql.texts(c, codes)));
  }
}
