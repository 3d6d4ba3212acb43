package dev.kairos.journey.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.journey.JourneyDefinition;
import dev.kairos.journey.Run;
import dev.kairos.journey.Step;
import dev.kairos.journey.StepRunner;
import dev.kairos.journey.TraceEntry;
import dev.kairos.journey.Trigger;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the events applied to profiles through a durable cursor of its own (table {@code
 * journey_feed_cursors}, feed {@code events}) and, in the transaction that moves the cursor, lets
 * each event reach its person's runs (a goal reached, an exit criterion, an awaited event) and
 * start runs of the journeys it triggers. A crash repeats nothing committed and loses nothing.
 */
public final class EventTriggers {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** An applied track event: its person, name and properties. */
  record Applied(long seq, UUID profileId, String event, JsonNode properties) {}

  private final Database database;
  private final JourneyStore journeys;
  private final JourneyEngine engine;
  private final Clock clock;

  /** Journeys paused when the current group of events is handled. */
  private Set<String> paused = Set.of();

  public EventTriggers(
      Database database, JourneyStore journeys, JourneyEngine engine, Clock clock) {
    this.database = database;
    this.journeys = journeys;
    this.engine = engine;
    this.clock = clock;
  }

  /** Handles the events applied since the cursor; the number handled. */
  public int poll() {
    Instant now = clock.instant();
    return database.inTransaction(
        c -> {
          long position =
              Sql.list(
                      c,
                      "select position from journey_feed_cursors where feed = 'events'"
                          + " for update",
                      rs -> rs.getLong(1))
                  .get(0);
          long applied =
              Sql.list(c, "select applied_seq from event_cursor where id = 1", rs -> rs.getLong(1))
                  .get(0);
          if (applied <= position) {
            return 0;
          }
          List<Applied> events = applied(c, position, applied);
          handle(c, events, now);
          Sql.update(
              c, "update journey_feed_cursors set position = ? where feed = 'events'", applied);
          return events.size();
        });
  }

  /**
   * The track events applied after {@code from} up to {@code to}, in log order. The processor
   * writes a group's timeline rows and moves its cursor in one transaction, so a row holding any
   * event after {@code from} starts after it, and every row starting at or before {@code to} is
   * complete.
   */
  private List<Applied> applied(Connection c, long from, long to) throws SQLException {
    return Sql.list(
        c,
        "select u.seq, t.profile_id, e.event, e.payload from profile_timeline t"
            + " cross join lateral unnest(t.seqs) as u (seq) join events e on e.seq = u.seq"
            + " where t.first_seq > ? and t.first_seq <= ? and e.type = 'track' and e.event is not null"
            + " order by u.seq",
        rs ->
            new Applied(
                rs.getLong(1),
                Sql.uuid(rs, "profile_id"),
                rs.getString(3),
                properties(engine.runs().tree(rs.getString(4)))),
        from,
        to);
  }

  private static JsonNode properties(JsonNode payload) {
    JsonNode properties = payload.get("properties");
    return properties == null || !properties.isObject() ? JSON.objectNode() : properties;
  }

  void handle(Connection c, List<Applied> events, Instant now) throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    List<JourneyStore.Live> live = journeys.live(c);
    paused = new java.util.HashSet<>();
    live.stream().filter(j -> j.status().equals("paused")).forEach(j -> paused.add(j.key()));
    Set<UUID> people = new LinkedHashSet<>();
    events.forEach(e -> people.add(e.profileId()));
    Map<UUID, List<RunStore.WaitingRun>> active = new HashMap<>();
    for (RunStore.WaitingRun w : engine.runs().activeOf(c, people)) {
      active.computeIfAbsent(w.run().profileId(), k -> new ArrayList<>()).add(w);
    }
    for (Applied event : events) {
      List<RunStore.WaitingRun> runs = active.getOrDefault(event.profileId(), List.of());
      boolean changed = false;
      for (RunStore.WaitingRun w : runs) {
        changed |= reach(c, w, event, now);
      }
      for (JourneyStore.Live journey : live) {
        if (journey.status().equals("active")
            && journey.definition().trigger() instanceof Trigger.Event t
            && t.matches(event.event(), event.properties())) {
          ObjectNode trigger =
              JSON.objectNode().put("event", event.event()).put("seq", event.seq());
          trigger.set("properties", event.properties());
          var entered =
              engine
                  .runs()
                  .enter(
                      c, journey.definition(), journey.version(), event.profileId(), trigger, now);
          if (entered.isPresent()) {
            engine
                .runs()
                .trace(
                    c,
                    entered.get().id(),
                    new TraceEntry("", "trigger", "entered", trigger.deepCopy()),
                    now);
            engine.advanceSafely(c, entered.get(), now);
            changed = true;
          }
        }
      }
      if (changed) {
        active.put(event.profileId(), engine.runs().activeOf(c, List.of(event.profileId())));
      }
    }
  }

  /** Lets an event reach one active run; true when the run ended or moved on (it is re-read). */
  private boolean reach(Connection c, RunStore.WaitingRun w, Applied event, Instant now)
      throws SQLException {
    Run run = w.run();
    JourneyDefinition journey = journeys.definition(c, run.journeyKey(), run.version());
    if (journey.goal().isPresent()) {
      JourneyDefinition.Goal goal = journey.goal().get();
      if (goal.event().equals(event.event())
          && dev.kairos.journey.PropertyCondition.all(goal.where(), event.properties())
          && !now.isAfter(run.enteredAt().plus(goal.within()))) {
        ObjectNode detail =
            JSON.objectNode().put("event", event.event()).put("event_seq", event.seq());
        BigDecimal revenue = revenue(event.properties());
        detail.put("revenue", revenue);
        if (event.properties().has("order_id")) {
          detail.put("order_id", event.properties().get("order_id").asText());
        }
        engine
            .runs()
            .trace(c, run.id(), new TraceEntry(run.step(), "goal", "converted", detail), now);
        engine.runs().end(c, run, "converted", "goal " + goal.event(), now, revenue);
        return true;
      }
    }
    for (JourneyDefinition.ExitCriterion criterion : journey.exitOn()) {
      if (criterion instanceof JourneyDefinition.ExitCriterion.OnEvent on
          && on.event().equals(event.event())
          && dev.kairos.journey.PropertyCondition.all(on.where(), event.properties())) {
        ObjectNode detail =
            JSON.objectNode().put("event", event.event()).put("event_seq", event.seq());
        engine
            .runs()
            .trace(c, run.id(), new TraceEntry(run.step(), "exit_on", "exited", detail), now);
        engine.runs().end(c, run, "exited", "exit_on " + event.event(), now, null);
        return true;
      }
    }
    if (run.waiting()
        && event.event().equals(w.waitingFor())
        && journey.step(run.step()) instanceof Step.WaitForEvent wait
        && StepRunner.awaited(wait, run, event.event(), event.properties())) {
      var arrived =
          (dev.kairos.journey.Transition.Continue)
              StepRunner.eventArrived(wait, run, event.event(), event.seq());
      if (paused.contains(run.journeyKey())) {
        // a paused journey holds its steps: on along on_event when resumed
        engine.runs().trace(c, run.id(), arrived.trace(), now);
        if (arrived.next().equals(Step.EXIT)) {
          engine.runs().end(c, run, "completed", "reached exit after " + run.step(), now, null);
        } else {
          engine
              .runs()
              .moveTo(
                  c, JourneyEngine.withStep(run, arrived.next()), arrived.next(), false, null, now);
        }
      } else {
        engine.continueWith(c, run, arrived, now);
      }
      return true;
    }
    return false;
  }

  private static BigDecimal revenue(JsonNode properties) {
    for (String field : List.of("revenue", "total", "value")) {
      JsonNode value = properties.get(field);
      if (value != null && value.isNumber()) {
        return value.decimalValue();
      }
    }
    return BigDecimal.ZERO;
  }
}
