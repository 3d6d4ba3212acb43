package dev.kairos.segment.store;

import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.PersonLocks;
import dev.kairos.platform.db.Sql;
import dev.kairos.segment.AllReads;
import dev.kairos.segment.Evaluation;
import dev.kairos.segment.MembershipChange;
import dev.kairos.segment.MembershipVerdict;
import dev.kairos.segment.SegmentCatalog;
import dev.kairos.segment.condition.Dependencies;
import dev.kairos.segment.condition.Person;
import dev.kairos.segment.membership.RealTimeMembership;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Re-evaluates segments for some people and stores the outcome, in one transaction: each person is
 * locked (a transaction-scoped advisory lock on their id, taken in one order), loaded, evaluated
 * for the segments asked, and the verdicts recorded. Two evaluations of one person (an event here,
 * a deadline on another node) therefore never interleave, and the later one reads what the earlier
 * one stored.
 */
public final class Reevaluation implements RealTimeMembership.Store {
  private final Database database;
  private final Clock clock;
  private final PersonSource people;
  private final Evaluation evaluation;
  private final MembershipStore memberships;

  public Reevaluation(
      Database database,
      Clock clock,
      PersonSource people,
      Evaluation evaluation,
      MembershipStore memberships) {
    this.database = database;
    this.clock = clock;
    this.people = people;
    this.evaluation = evaluation;
    this.memberships = memberships;
  }

  /**
   * Evaluates each person for the segments given for them; {@code evaluatedSeq}, when not negative,
   * moves the evaluation cursor past the events this answers (in the same transaction).
   */
  public List<MembershipChange> run(
      Map<UUID, List<SegmentCatalog.Active>> work,
      Instant now,
      MembershipChange.Cause cause,
      long evaluatedSeq) {
    return database.inTransaction(
        c -> {
          List<MembershipChange> changes = run(c, work, now, cause);
          if (evaluatedSeq >= 0) {
            Sql.update(
                c,
                "update segment_evaluation_cursor set evaluated_seq = greatest(evaluated_seq, ?)"
                    + " where id = 1",
                evaluatedSeq);
          }
          return changes;
        });
  }

  /** The same, in the caller's transaction. */
  public List<MembershipChange> run(
      Connection c,
      Map<UUID, List<SegmentCatalog.Active>> work,
      Instant now,
      MembershipChange.Cause cause)
      throws SQLException {
    if (work.isEmpty()) {
      return List.of();
    }
    PersonLocks.lock(c, work.keySet());
    Map<String, SegmentCatalog.Active> segments = new LinkedHashMap<>();
    for (List<SegmentCatalog.Active> list : work.values()) {
      for (SegmentCatalog.Active active : list) {
        segments.putIfAbsent(active.key(), active);
      }
    }
    Map<UUID, Person> loaded =
        people.load(
            c,
            work.keySet(),
            AllReads.of(segments.values().stream().map(SegmentCatalog.Active::reads).toList()));
    Map<String, List<MembershipVerdict>> verdicts = new LinkedHashMap<>();
    for (Map.Entry<UUID, List<SegmentCatalog.Active>> entry : work.entrySet()) {
      Person person = loaded.get(entry.getKey());
      for (SegmentCatalog.Active active : entry.getValue()) {
        verdicts
            .computeIfAbsent(active.key(), k -> new ArrayList<>())
            .add(
                person == null
                    ? evaluation.absent(entry.getKey())
                    : evaluation.verdict(active, person, now));
      }
    }
    List<MembershipStore.SegmentVerdicts> batch = new ArrayList<>(verdicts.size());
    for (Map.Entry<String, List<MembershipVerdict>> entry : verdicts.entrySet()) {
      SegmentCatalog.Active active = segments.get(entry.getKey());
      batch.add(
          new MembershipStore.SegmentVerdicts(
              active.key(),
              active.segment().name(),
              active.reads().timeDependent(),
              entry.getValue()));
    }
    return memberships.record(c, batch, now, cause);
  }

  @Override
  public List<MembershipChange> reevaluate(
      Map<UUID, List<SegmentCatalog.Active>> work, long evaluatedSeq) {
    return run(work, clock.instant(), MembershipChange.Cause.EVENT, evaluatedSeq);
  }

  /**
   * The people of the events applied after {@code seq}, each with the last seq of theirs. A
   * timeline row holds one applied group, at most {@value #MAX_GROUP} events, so only rows starting
   * after {@code seq - MAX_GROUP} can hold such events.
   */
  @Override
  public Map<UUID, Long> peopleAfter(long seq) {
    return database.read(
        c -> {
          Map<UUID, Long> people = new LinkedHashMap<>();
          for (Object[] row :
              Sql.list(
                  c,
                  "select profile_id, max(seqs[cardinality(seqs)]) from profile_timeline where"
                      + " first_seq > ? and seqs[cardinality(seqs)] > ? group by profile_id",
                  rs -> new Object[] {rs.getObject(1, UUID.class), rs.getLong(2)},
                  seq - MAX_GROUP,
                  seq)) {
            people.put((UUID) row[0], (Long) row[1]);
          }
          return people;
        });
  }

  /** The most events the processor applies in one group (EventProcessor.MAX_GROUP). */
  static final int MAX_GROUP = 10_000;

  /**
   * Why a person is in each of the segments (evaluated now, without storing anything): for each
   * segment, its verdict as stored memberships show it.
   */
  public Map<String, MembershipVerdict> explain(UUID profileId, List<SegmentCatalog.Active> of) {
    return database.read(
        c -> {
          Map<String, MembershipVerdict> verdicts = new LinkedHashMap<>();
          if (of.isEmpty()) {
            return verdicts;
          }
          Dependencies reads = AllReads.of(of.stream().map(SegmentCatalog.Active::reads).toList());
          Person person = people.load(c, List.of(profileId), reads).get(profileId);
          Instant now = clock.instant();
          for (SegmentCatalog.Active active : of) {
            verdicts.put(
                active.key(),
                person == null
                    ? evaluation.absent(profileId)
                    : evaluation.verdict(active, person, now));
          }
          return verdicts;
        });
  }

  /** How far segments are evaluated after the event log. */
  @Override
  public long evaluatedSeq() {
    return database.read(
        c ->
            Sql.list(
                    c,
                    "select evaluated_seq from segment_evaluation_cursor where id = 1",
                    rs -> rs.getLong(1))
                .get(0));
  }
}
