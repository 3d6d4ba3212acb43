package dev.kairos.delivery.store;

import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Messages sent, and the delivery events that came back (opens, clicks, unsubscribes), per day of a
 * period counted in the workspace's time zone. A send is a message handed to its channel or to the
 * sandbox ({@code sent_at} in the period); opens, clicks and unsubscribes are the tracked events
 * {@code Email Opened}, {@code Email Link Clicked} and {@code Unsubscribed} that occurred in it;
 * the revenue attributed to messages is that of the journey runs that converted in it (their goal
 * reached within its window after entering).
 */
public final class MessageReport {
  static final String OPENED = "Email Opened";
  static final String CLICKED = "Email Link Clicked";

  private final Database database;
  private final ZoneId zone;

  public MessageReport(Database database, ZoneId zone) {
    this.database = database;
    this.zone = zone;
  }

  /** One day's figures; a day without any has zeros. */
  public record Day(LocalDate date, long sends, long opens, long clicks, long unsubscribes) {}

  /** The period's days and totals; {@code sandboxed} of the sends went to the sandbox. */
  public record Messages(
      List<Day> days,
      long sends,
      long sandboxed,
      long opens,
      long clicks,
      long unsubscribes,
      long conversions,
      BigDecimal attributedRevenue) {}

  /** The days {@code from} to {@code to}, both included. */
  public Messages between(LocalDate from, LocalDate to) {
    Timestamp start = Timestamp.from(from.atStartOfDay(zone).toInstant());
    Timestamp end = Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant());
    String tz = zone.getId();
    return database.read(
        c -> {
          Map<LocalDate, long[]> byDate = new HashMap<>();
          long[] sandboxed = new long[1];
          Sql.list(
              c,
              "select (sent_at at time zone ?)::date, count(*),"
                  + " count(*) filter (where status = 'sandboxed') from messages"
                  + " where sent_at >= ? and sent_at < ?"
                  + " and status in ('sent', 'delivered', 'sandboxed') group by 1",
              rs -> {
                byDate.computeIfAbsent(rs.getObject(1, LocalDate.class), d -> new long[4])[0] =
                    rs.getLong(2);
                sandboxed[0] += rs.getLong(3);
                return null;
              },
              tz,
              start,
              end);
          Sql.list(
              c,
              // literal names, so each part matches its partial index's predicate
              "select (occurred_at at time zone ?)::date, event, count(*) from events"
                  + " where type = 'track' and event in ('Email Opened', 'Email Link Clicked')"
                  + " and occurred_at >= ? and occurred_at < ? group by 1, 2"
                  + " union all select (occurred_at at time zone ?)::date, event, count(*)"
                  + " from events where type = 'track' and event = 'Unsubscribed'"
                  + " and occurred_at >= ? and occurred_at < ? group by 1, 2",
              rs -> {
                int column =
                    switch (rs.getString(2)) {
                      case OPENED -> 1;
                      case CLICKED -> 2;
                      default -> 3;
                    };
                byDate.computeIfAbsent(rs.getObject(1, LocalDate.class), d -> new long[4])[column] =
                    rs.getLong(3);
                return null;
              },
              tz,
              start,
              end,
              tz,
              start,
              end);
          List<Day> days = new ArrayList<>();
          long[] totals = new long[4];
          for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            long[] f = byDate.getOrDefault(d, new long[4]);
            days.add(new Day(d, f[0], f[1], f[2], f[3]));
            for (int i = 0; i < 4; i++) {
              totals[i] += f[i];
            }
          }
          // a journey run converted in the period: its goal's revenue is attributed to its messages
          Object[] converted =
              Sql.list(
                      c,
                      "select count(*), coalesce(sum(revenue), 0) from journey_runs"
                          + " where status = 'converted' and ended_at >= ? and ended_at < ?",
                      rs -> new Object[] {rs.getLong(1), rs.getBigDecimal(2)},
                      start,
                      end)
                  .get(0);
          return new Messages(
              days,
              totals[0],
              sandboxed[0],
              totals[1],
              totals[2],
              totals[3],
              (Long) converted[0],
              (BigDecimal) converted[1]);
        });
  }
}
