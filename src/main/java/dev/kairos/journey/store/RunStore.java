package dev.kairos.journey.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.journey.JourneyDefinition;
import dev.kairos.journey.Run;
import dev.kairos.journey.TraceEntry;
import dev.kairos.platform.db.Sql;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The SQL of runs and their traces (tables {@code journey_runs}, {@code journey_trace}). */
final class RunStore {
  private final ObjectMapper mapper;
  private final ZoneId workspaceZone;

  RunStore(ObjectMapper mapper, ZoneId workspaceZone) {
    this.mapper = mapper;
    this.workspaceZone = workspaceZone;
  }

  private static final String RUN =
      "select r.id, r.journey_key, r.version, r.profile_id, r.step, r.waiting, r.waiting_for,"
          + " r.entered_at, r.trigger::text as trigger, r.context::text as context, p.time_zone"
          + " from journey_runs r left join profiles p on p.id = r.profile_id";

  /** Up to {@code limit} due runs of active journeys, locked; runs other nodes hold are skipped. */
  List<Run> claimDue(Connection c, Instant now, int limit) throws SQLException {
    return Sql.list(
        c,
        RUN
            + " join journeys j on j.key = r.journey_key and j.status = 'active'"
            + " where r.status = 'active' and r.due_at <= ? order by r.due_at limit ?"
            + " for update of r skip locked",
        this::run,
        Sql.timestamp(now),
        limit);
  }

  /** The active runs of these people, locked, in the order they entered. */
  List<WaitingRun> activeOf(Connection c, Collection<UUID> profiles) throws SQLException {
    return Sql.list(
        c,
        RUN
            + " where r.status = 'active' and r.profile_id = any(?) order by r.entered_at"
            + " for update of r",
        rs -> new WaitingRun(run(rs), rs.getString("waiting_for")),
        Sql.uuids(c, profiles));
  }

  /** A run and the event it waits for, if any. */
  record WaitingRun(Run run, String waitingFor) {}

  /** Starts a run unless the entry rules or a run in progress forbid it. */
  Optional<Run> enter(
      Connection c,
      JourneyDefinition journey,
      int version,
      UUID profileId,
      ObjectNode trigger,
      Instant now)
      throws SQLException {
    UUID id = UUID.randomUUID();
    JourneyDefinition.Entry entry = journey.entry();
    // once: no run ever; after_cooldown: none entered within the cooldown; every_time: no rule
    String rule =
        " and not exists (select 1 from journey_runs x where x.journey_key = ?"
            + " and x.profile_id = ? and x.entered_at > ?)";
    Instant since =
        switch (entry.mode()) {
          case ONCE -> Instant.EPOCH;
          case AFTER_COOLDOWN -> now.minus(entry.cooldown());
          case EVERY_TIME -> now;
        };
    int inserted =
        Sql.update(
            c,
            "insert into journey_runs (id, journey_key, version, profile_id, status, exclusive, step,"
                + " due_at, trigger, context, entered_at) select ?, ?, ?, ?, 'active', ?, ?, ?, ?::jsonb,"
                + " '{}', ? where exists (select 1 from profiles where id = ?)"
                + rule
                + " on conflict (journey_key, profile_id) where status = 'active' and exclusive do nothing",
            id,
            journey.key(),
            version,
            profileId,
            !entry.concurrent(),
            journey.start(),
            Sql.timestamp(now),
            json(trigger),
            Sql.timestamp(now),
            profileId,
            journey.key(),
            profileId,
            Sql.timestamp(since));
    if (inserted == 0) {
      return Optional.empty();
    }
    return Sql.list(c, RUN + " where r.id = ? for update of r", this::run, id).stream().findFirst();
  }

  void moveTo(Connection c, Run run, String step, boolean waiting, String waitingFor, Instant due)
      throws SQLException {
    Sql.update(
        c,
        "update journey_runs set step = ?, waiting = ?, waiting_for = ?, due_at = ?,"
            + " context = ?::jsonb where id = ?",
        step,
        waiting,
        waitingFor,
        Sql.timestamp(due),
        json(run.context()),
        run.id());
  }

  void end(Connection c, Run run, String status, String reason, Instant now, BigDecimal revenue)
      throws SQLException {
    Sql.update(
        c,
        "update journey_runs set status = ?, end_reason = ?, ended_at = ?, due_at = null,"
            + " waiting = false, waiting_for = null, revenue = ?, context = ?::jsonb where id = ?",
        status,
        reason,
        Sql.timestamp(now),
        revenue,
        json(run.context()),
        run.id());
  }

  void trace(Connection c, UUID runId, TraceEntry entry, Instant at) throws SQLException {
    Sql.update(
        c,
        "insert into journey_trace (run_id, step, type, at, outcome, detail)"
            + " values (?, ?, ?, ?, ?, ?::jsonb)",
        runId,
        entry.step(),
        entry.type(),
        Sql.timestamp(at),
        entry.outcome(),
        json(entry.detail()));
  }

  private Run run(ResultSet rs) throws SQLException {
    return new Run(
        Sql.uuid(rs, "id"),
        rs.getString("journey_key"),
        rs.getInt("version"),
        Sql.uuid(rs, "profile_id"),
        rs.getString("step"),
        rs.getBoolean("waiting"),
        Sql.instant(rs, "entered_at"),
        tree(rs.getString("trigger")),
        (ObjectNode) tree(rs.getString("context")),
        zone(rs.getString("time_zone")));
  }

  ZoneId zone(String timeZone) {
    if (timeZone == null) {
      return workspaceZone;
    }
    try {
      return ZoneId.of(timeZone);
    } catch (DateTimeException e) {
      return workspaceZone;
    }
  }

  JsonNode tree(String text) {
    try {
      return mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON does not parse", e);
    }
  }

  String json(JsonNode node) {
    try {
      return mapper.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
