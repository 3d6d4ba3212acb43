package dev.kairos.journey.store;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.kairos.journey.BroadcastSchedule;
import dev.kairos.journey.Trigger;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What a broadcast journey did: each occurrence with the people it reached, and the next one. */
public final class BroadcastQueries {
  private final Database database;
  private final JourneyStore journeys;
  private final Clock clock;

  public BroadcastQueries(Database database, JourneyStore journeys, Clock clock) {
    this.database = database;
    this.journeys = journeys;
    this.clock = clock;
  }

  /** One occurrence: who entered, who was skipped by the entry rules, and what was sent. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Occurrence(
      String occurrence, long entered, long skipped, long sends, Instant firstAt, Instant lastAt) {}

  /** A broadcast journey's schedule (from its published version, else its newest) and history. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Broadcasts(
      String journey,
      String status,
      int version,
      String segment,
      String at,
      boolean personLocalTime,
      String every,
      String nextOccurrence,
      List<Occurrence> occurrences) {}

  /**
   * Empty when there is no such journey; a journey without a broadcast trigger has segment null.
   */
  public Optional<Broadcasts> of(String key) {
    Optional<JourneyStore.Summary> summary = journeys.summary(key);
    if (summary.isEmpty()) {
      return Optional.empty();
    }
    JourneyStore.Summary s = summary.get();
    int version = s.publishedVersion().orElse(s.latestVersion());
    Instant now = clock.instant();
    return Optional.of(
        database.read(
            c -> {
              Trigger trigger = journeys.definition(c, key, version).trigger();
              List<Occurrence> occurrences =
                  Sql.list(
                      c,
                      "select r.occurrence,"
                          + " count(*) filter (where r.outcome = 'entered'),"
                          + " count(*) filter (where r.outcome = 'skipped'),"
                          + " (select count(*) from messages m join broadcast_recipients x"
                          + " on x.run_id = m.run_id where x.journey_key = r.journey_key"
                          + " and x.occurrence = r.occurrence),"
                          + " min(r.at) as first_at, max(r.at) as last_at"
                          + " from broadcast_recipients r where r.journey_key = ?"
                          + " group by r.journey_key, r.occurrence order by r.occurrence desc",
                      rs ->
                          new Occurrence(
                              rs.getString(1),
                              rs.getLong(2),
                              rs.getLong(3),
                              rs.getLong(4),
                              Sql.instant(rs, "first_at"),
                              Sql.instant(rs, "last_at")),
                      key);
              if (!(trigger instanceof Trigger.Broadcast b)) {
                return new Broadcasts(
                    key, s.status(), version, null, null, false, null, null, occurrences);
              }
              return new Broadcasts(
                  key,
                  s.status(),
                  version,
                  b.segment(),
                  b.at().toString(),
                  b.personLocalTime(),
                  b.every().map(Object::toString).orElse(null),
                  BroadcastSchedule.next(b, now).map(Object::toString).orElse(null),
                  occurrences);
            }));
  }
}
