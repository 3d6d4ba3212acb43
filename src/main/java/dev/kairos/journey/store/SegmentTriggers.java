package dev.kairos.journey.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.journey.JourneyDefinition;
import dev.kairos.journey.MembershipChange;
import dev.kairos.journey.MembershipFeed;
import dev.kairos.journey.Run;
import dev.kairos.journey.TraceEntry;
import dev.kairos.journey.Trigger;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Consumes the segments' membership feed through the journey engine's own cursor (feed {@code
 * segment_membership}): a change starts runs of journeys triggered by {@code segment_entered} /
 * {@code segment_exited}, and ends runs whose {@code exit_on} names the segment left. The cursor
 * moves in the transaction that handles the changes.
 */
public final class SegmentTriggers {
  private static final int BATCH = 1_000;

  private final Database database;
  private final JourneyStore journeys;
  private final JourneyEngine engine;
  private final MembershipFeed feed;
  private final Clock clock;

  public SegmentTriggers(
      Database database,
      JourneyStore journeys,
      JourneyEngine engine,
      MembershipFeed feed,
      Clock clock) {
    this.database = database;
    this.journeys = journeys;
    this.engine = engine;
    this.feed = feed;
    this.clock = clock;
  }

  /** Handles the next changes of the feed; the number handled. */
  public int poll() {
    Instant now = clock.instant();
    return database.inTransaction(
        c -> {
          long position =
              Sql.list(
                      c,
                      "select position from journey_feed_cursors"
                          + " where feed = 'segment_membership' for update",
                      rs -> rs.getLong(1))
                  .get(0);
          List<MembershipChange> changes = feed.after(position, BATCH);
          if (changes.isEmpty()) {
            return 0;
          }
          List<JourneyStore.Live> live = journeys.live(c);
          for (MembershipChange change : changes) {
            handle(c, live, change, now);
          }
          Sql.update(
              c,
              "update journey_feed_cursors set position = ? where feed = 'segment_membership'",
              changes.get(changes.size() - 1).seq());
          return changes.size();
        });
  }

  private void handle(
      Connection c, List<JourneyStore.Live> live, MembershipChange change, Instant now)
      throws SQLException {
    ObjectNode trigger =
        JsonNodeFactory.instance
            .objectNode()
            .put(
                change.change() == MembershipChange.Change.ENTERED
                    ? "segment_entered"
                    : "segment_exited",
                change.segmentKey())
            .put("seq", change.seq());
    trigger.putObject("properties").put("segment_key", change.segmentKey());
    if (change.change() == MembershipChange.Change.EXITED) {
      for (RunStore.WaitingRun w : engine.runs().activeOf(c, List.of(change.profileId()))) {
        exitIfAsked(c, w.run(), change, now);
      }
    }
    for (JourneyStore.Live journey : live) {
      Trigger t = journey.definition().trigger();
      boolean starts =
          journey.status().equals("active")
              && (change.change() == MembershipChange.Change.ENTERED
                  ? t instanceof Trigger.SegmentEntered e && e.segment().equals(change.segmentKey())
                  : t instanceof Trigger.SegmentExited x
                      && x.segment().equals(change.segmentKey()));
      if (starts) {
        var entered =
            engine
                .runs()
                .enter(
                    c, journey.definition(), journey.version(), change.profileId(), trigger, now);
        if (entered.isPresent()) {
          engine
              .runs()
              .trace(
                  c,
                  entered.get().id(),
                  new TraceEntry("", "trigger", "entered", trigger.deepCopy()),
                  now);
          engine.advanceSafely(c, entered.get(), now);
        }
      }
    }
  }

  private void exitIfAsked(Connection c, Run run, MembershipChange change, Instant now)
      throws SQLException {
    JourneyDefinition journey = journeys.definition(c, run.journeyKey(), run.version());
    for (JourneyDefinition.ExitCriterion criterion : journey.exitOn()) {
      if (criterion instanceof JourneyDefinition.ExitCriterion.OnSegmentExited s
          && s.segment().equals(change.segmentKey())) {
        engine
            .runs()
            .trace(
                c,
                run.id(),
                new TraceEntry(
                    run.step(),
                    "exit_on",
                    "exited",
                    JsonNodeFactory.instance
                        .objectNode()
                        .put("segment_exited", change.segmentKey())),
                now);
        engine.runs().end(c, run, "exited", "left segment " + change.segmentKey(), now, null);
        return;
      }
    }
  }
}
