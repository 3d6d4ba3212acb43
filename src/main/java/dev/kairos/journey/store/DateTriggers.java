package dev.kairos.journey.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.journey.TraceEntry;
import dev.kairos.journey.Trigger;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Starts runs of journeys triggered by a date trait: on the day of the trait's anniversary (shifted
 * by {@code days_offset}) once {@code at} has passed in the person's time zone. It looks every
 * {@link #EVERY} (by the injected clock); a run records the date it is for, so a person enters once
 * per date however often it looks or on however many nodes. A day the node was down is not caught
 * up.
 */
public final class DateTriggers {
  static final Duration EVERY = Duration.ofMinutes(5);

  private final Database database;
  private final JourneyStore journeys;
  private final JourneyEngine engine;
  private final Clock clock;
  private Instant next = Instant.MIN;

  public DateTriggers(Database database, JourneyStore journeys, JourneyEngine engine, Clock clock) {
    this.database = database;
    this.journeys = journeys;
    this.engine = engine;
    this.clock = clock;
  }

  /** Starts the runs due now; the number started (0 when it is not time to look). */
  public synchronized int poll() {
    Instant now = clock.instant();
    if (now.isBefore(next)) {
      return 0;
    }
    next = now.plus(EVERY);
    return database.inTransaction(
        c -> {
          int started = 0;
          for (JourneyStore.Live journey : journeys.live(c)) {
            if (journey.status().equals("active")
                && journey.definition().trigger() instanceof Trigger.DateTrait t) {
              started += start(c, journey, t, now);
            }
          }
          return started;
        });
  }

  private record Person(UUID id, ZoneId zone, String date) {}

  private int start(Connection c, JourneyStore.Live journey, Trigger.DateTrait t, Instant now)
      throws SQLException {
    List<Person> people =
        Sql.list(
            c,
            "select id, time_zone, traits ->> ? from profiles"
                + " where merged_into is null and traits ->> ? is not null",
            rs ->
                new Person(
                    Sql.uuid(rs, "id"), engine.runs().zone(rs.getString(2)), rs.getString(3)),
            t.trait(),
            t.trait());
    int started = 0;
    for (Person person : people) {
      var date = RunEffects.date(person.date());
      if (date.isEmpty()) {
        continue;
      }
      LocalDate today = now.atZone(person.zone()).toLocalDate();
      LocalDate day = occasion(date.get(), today, t.daysOffset());
      if (!day.equals(today)
          || ZonedDateTime.of(day, t.at(), person.zone()).toInstant().isAfter(now)) {
        continue;
      }
      boolean entered =
          !Sql.list(
                  c,
                  "select 1 from journey_runs where journey_key = ? and profile_id = ?"
                      + " and trigger ->> 'date' = ?",
                  rs -> 1,
                  journey.key(),
                  person.id(),
                  day.toString())
              .isEmpty();
      if (entered) {
        continue;
      }
      ObjectNode trigger =
          JsonNodeFactory.instance
              .objectNode()
              .put("date_trait", t.trait())
              .put("date", day.toString());
      trigger.putObject("properties").put(t.trait(), person.date());
      var run =
          engine
              .runs()
              .enter(c, journey.definition(), journey.version(), person.id(), trigger, now);
      if (run.isPresent()) {
        engine
            .runs()
            .trace(
                c,
                run.get().id(),
                new TraceEntry("", "trigger", "entered", trigger.deepCopy()),
                now);
        engine.advanceSafely(c, run.get(), now);
        started++;
      }
    }
    return started;
  }

  /** The day this year's (or the neighbouring year's) anniversary, shifted, falls nearest today. */
  static LocalDate occasion(LocalDate date, LocalDate today, int daysOffset) {
    MonthDay monthDay = MonthDay.from(date);
    for (int year = today.getYear() - 1; year <= today.getYear() + 1; year++) {
      LocalDate day = monthDay.atYear(year).plusDays(daysOffset);
      if (day.equals(today)) {
        return day;
      }
    }
    return monthDay.atYear(today.getYear()).plusDays(daysOffset);
  }
}
