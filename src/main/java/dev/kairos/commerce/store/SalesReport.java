package dev.kairos.commerce.store;

import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Orders, revenue (net of refunds; cancelled orders left out), average order value, and new and
 * returning customers per day of a period, days counted in the workspace's time zone. A customer is
 * new on the day of their first order and returning on a later day they order.
 */
public final class SalesReport {
  private final Database database;
  private final ZoneId zone;

  public SalesReport(Database database, ZoneId zone) {
    this.database = database;
    this.zone = zone;
  }

  /** One day's sales; a day without orders has zeros. */
  public record Day(
      LocalDate date,
      long orders,
      BigDecimal revenue,
      long newCustomers,
      long returningCustomers) {}

  /** The period's days and totals (a customer counted once in each total). */
  public record Sales(
      LocalDate from,
      LocalDate to,
      List<Day> days,
      long orders,
      BigDecimal revenue,
      BigDecimal averageOrderValue,
      long newCustomers,
      long returningCustomers) {}

  /**
   * The period's orders with their day, and the first order (and its day) of each customer among
   * them, found through the index of a customer's orders. Binds: zone, start, end, zone.
   */
  private static final String PERIOD =
      "with period as (select o.profile_id, (o.placed_at at time zone ?)::date as day,"
          + " o.revenue - o.refunded as net from orders o where o.placed_at >= ?"
          + " and o.placed_at < ? and o.status <> 'cancelled'),"
          + " firsts as (select b.profile_id, min(o.placed_at) as first_at,"
          + " (min(o.placed_at) at time zone ?)::date as first_day"
          + " from (select distinct profile_id from period) b join orders o"
          + " on o.profile_id = b.profile_id and o.status <> 'cancelled' group by b.profile_id) ";

  /** The sales of the days {@code from} to {@code to}, both included. */
  public Sales between(LocalDate from, LocalDate to) {
    Timestamp start = Timestamp.from(from.atStartOfDay(zone).toInstant());
    Timestamp end = Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant());
    String tz = zone.getId();
    return database.read(
        c -> {
          Map<LocalDate, Day> byDate = new HashMap<>();
          for (Day day :
              Sql.list(
                  c,
                  PERIOD
                      + "select p.day, count(*) as orders, coalesce(sum(p.net), 0) as revenue,"
                      + " count(distinct p.profile_id) filter (where f.first_day = p.day)"
                      + " as new_customers, count(distinct p.profile_id) filter"
                      + " (where f.first_day < p.day) as returning_customers"
                      + " from period p left join firsts f on f.profile_id = p.profile_id"
                      + " group by p.day",
                  rs ->
                      new Day(
                          rs.getObject("day", LocalDate.class),
                          rs.getLong("orders"),
                          rs.getBigDecimal("revenue"),
                          rs.getLong("new_customers"),
                          rs.getLong("returning_customers")),
                  tz,
                  start,
                  end,
                  tz)) {
            byDate.put(day.date(), day);
          }
          List<Day> days = new ArrayList<>();
          for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.add(byDate.getOrDefault(d, new Day(d, 0, BigDecimal.ZERO, 0, 0)));
          }
          return Sql.list(
                  c,
                  PERIOD
                      + "select count(*) as orders, coalesce(sum(p.net), 0) as revenue,"
                      + " count(distinct p.profile_id) filter (where f.first_at >= ?) as new_customers,"
                      + " count(distinct p.profile_id) filter (where f.first_at < ?)"
                      + " as returning_customers from period p left join firsts f"
                      + " on f.profile_id = p.profile_id",
                  rs -> {
                    long orders = rs.getLong("orders");
                    BigDecimal revenue = rs.getBigDecimal("revenue");
                    return new Sales(
                        from,
                        to,
                        days,
                        orders,
                        revenue,
                        orders == 0
                            ? BigDecimal.ZERO
                            : revenue.divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP),
                        rs.getLong("new_customers"),
                        rs.getLong("returning_customers"));
                  },
                  tz,
                  start,
                  end,
                  tz,
                  start,
                  start)
              .get(0);
        });
  }

  /** The day of the newest order, in the workspace's zone (empty before the first order). */
  public Optional<LocalDate> newestOrderDay() {
    return database.read(
        c ->
            Optional.ofNullable(
                Sql.list(
                        c,
                        "select (max(placed_at) at time zone ?)::date from orders",
                        rs -> rs.getObject(1, LocalDate.class),
                        zone.getId())
                    .get(0)));
  }
}
