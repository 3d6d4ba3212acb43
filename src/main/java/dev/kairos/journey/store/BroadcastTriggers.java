package dev.kairos.journey.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.journey.BroadcastSchedule;
import dev.kairos.journey.TraceEntry;
import dev.kairos.journey.Trigger;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Starts the runs of broadcast journeys: everyone in the segment when an occurrence reaches them
 * ({@link BroadcastSchedule}). It looks every {@link #EVERY} by the injected clock, a page of
 * members per transaction. Each person is recorded in {@code broadcast_recipients} once per
 * (journey, occurrence) in the transaction that starts their run: a second node waits on the first
 * one's insert and then skips the person, and a crash rolls both back, so the person is taken up
 * again after the restart (docs/journeys.md, "Broadcasts").
 */
public final class BroadcastTriggers {
  static final Duration EVERY = Duration.ofMinutes(1);
  static final int PAGE = 500;

  private final Database database;
  private final JourneyStore journeys;
  private final JourneyEngine engine;
  private final Clock clock;
  private Instant next = Instant.EPOCH;

  public BroadcastTriggers(
      Database database, JourneyStore journeys, JourneyEngine engine, Clock clock) {
    this.database = database;
    this.journeys = journeys;
    this.engine = engine;
    this.clock = clock;
  }

  /** Starts the runs due now; the number of people taken up (0 when it is not time to look). */
  public synchronized int poll() {
    Instant now = clock.instant();
    boolean clockWentBack = now.isBefore(next.minus(EVERY));
    if (now.isBefore(next) && !clockWentBack) {
      return 0;
    }
    next = now.plus(EVERY);
    List<JourneyStore.Live> broadcasts =
        database.inTransaction(
            c ->
                journeys.live(c).stream()
                    .filter(j -> j.status().equals("active"))
                    .filter(j -> j.definition().trigger() instanceof Trigger.Broadcast)
                    .toList());
    int taken = 0;
    for (JourneyStore.Live journey : broadcasts) {
      Trigger.Broadcast b = (Trigger.Broadcast) journey.definition().trigger();
      for (LocalDateTime occurrence : BroadcastSchedule.open(b, now)) {
        taken += occurrence(journey, b, occurrence, now);
      }
    }
    return taken;
  }

  private record Member(UUID id, String timeZone) {}

  /** Takes up the members due this occurrence, a page per transaction. */
  private int occurrence(
      JourneyStore.Live journey, Trigger.Broadcast b, LocalDateTime occurrence, Instant now) {
    int taken = 0;
    UUID after = new UUID(0, 0); // PostgreSQL orders uuids as unsigned bytes
    while (true) {
      UUID from = after;
      Page page = database.inTransaction(c -> page(c, journey, b, occurrence, from, now));
      taken += page.taken();
      if (page.last() == null) {
        return taken;
      }
      after = page.last();
    }
  }

  private record Page(int taken, UUID last) {}

  private Page page(
      Connection c,
      JourneyStore.Live journey,
      Trigger.Broadcast b,
      LocalDateTime occurrence,
      UUID after,
      Instant now)
      throws SQLException {
    List<Member> members =
        Sql.list(
            c,
            "select m.profile_id, p.time_zone from segment_memberships m"
                + " join profiles p on p.id = m.profile_id and p.merged_into is null"
                + " where m.segment_key = ? and m.exited_at is null and m.profile_id > ?"
                + " and not exists (select 1 from broadcast_recipients r where r.journey_key = ?"
                + " and r.occurrence = ? and r.profile_id = m.profile_id)"
                + " order by m.profile_id limit ?",
            rs -> new Member(Sql.uuid(rs, "profile_id"), rs.getString("time_zone")),
            b.segment(),
            after,
            journey.key(),
            occurrence.toString(),
            PAGE);
    int taken = 0;
    for (Member member : members) {
      var due = BroadcastSchedule.dueFor(b, engine.runs().zone(member.timeZone()), now);
      if (due.isPresent() && due.get().equals(occurrence) && take(c, journey, b, member, now)) {
        taken++;
      }
    }
    return new Page(taken, members.size() < PAGE ? null : members.get(members.size() - 1).id());
  }

  /** Records the person for the occurrence and starts their run; false when already recorded. */
  private boolean take(
      Connection c, JourneyStore.Live journey, Trigger.Broadcast b, Member member, Instant now)
      throws SQLException {
    String occurrence =
        BroadcastSchedule.dueFor(b, engine.runs().zone(member.timeZone()), now)
            .orElseThrow()
            .toString();
    int claimed =
        Sql.update(
            c,
            "insert into broadcast_recipients (journey_key, occurrence, profile_id, at, outcome)"
                + " values (?, ?, ?, ?, 'skipped') on conflict do nothing",
            journey.key(),
            occurrence,
            member.id(),
            Sql.timestamp(now));
    if (claimed == 0) {
      return false; // another node took them up for this occurrence
    }
    ObjectNode trigger =
        JsonNodeFactory.instance
            .objectNode()
            .put("broadcast", b.segment())
            .put("occurrence", occurrence)
            .put("person_local_time", b.personLocalTime());
    trigger.putObject("properties").put("segment_key", b.segment()).put("occurrence", occurrence);
    var run =
        engine.runs().enter(c, journey.definition(), journey.version(), member.id(), trigger, now);
    if (run.isPresent()) {
      Sql.update(
          c,
          "update broadcast_recipients set outcome = 'entered', run_id = ?"
              + " where journey_key = ? and occurrence = ? and profile_id = ?",
          run.get().id(),
          journey.key(),
          occurrence,
          member.id());
      engine
          .runs()
          .trace(
              c, run.get().id(), new TraceEntry("", "trigger", "entered", trigger.deepCopy()), now);
      engine.advanceSafely(c, run.get(), now);
    }
    return true;
  }
}
