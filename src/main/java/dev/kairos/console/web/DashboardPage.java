package dev.kairos.console.web;

import dev.kairos.commerce.store.SalesReport;
import dev.kairos.console.IngestRate;
import dev.kairos.delivery.store.MessageReport;
import dev.kairos.platform.http.RouteGroup;
import dev.kairos.profile.store.EventFailures;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The dashboard: orders, revenue, AOV, new and returning customers over a chosen period, as charts;
 * and ingestion health (events per second, processing lag, failures), refreshed every few seconds.
 */
public final class DashboardPage implements RouteGroup {
  static final Set<Integer> PERIODS = Set.of(7, 30, 90, 365);

  private final ConsoleAccess access;
  private final Pages pages;
  private final SalesReport sales;
  private final MessageReport messages;
  private final IngestRate rate;
  private final LongSupplier lag;
  private final EventFailures failures;
  private final Clock clock;
  private final ZoneId zone;

  public DashboardPage(
      ConsoleAccess access,
      Pages pages,
      SalesReport sales,
      MessageReport messages,
      IngestRate rate,
      LongSupplier lag,
      EventFailures failures,
      Clock clock,
      ZoneId zone) {
    this.access = access;
    this.pages = pages;
    this.sales = sales;
    this.messages = messages;
    this.rate = rate;
    this.lag = lag;
    this.failures = failures;
    this.clock = clock;
    this.zone = zone;
  }

  /** The dashboard's figures and charts for one period. */
  public record View(
      int days,
      String to,
      SalesReport.Sales sales,
      String salesChart,
      String customersChart,
      MessageReport.Messages messages,
      String messagesChart) {}

  /** Ingestion health on this node. */
  public record Health(String eventsPerSecond, long lag, long failures) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/", access.page(this::dashboard));
    routes.get("/dashboard/health", access.page(this::health));
  }

  private void dashboard(Context ctx, Viewer viewer) {
    int days = days(ctx.queryParam("days"));
    LocalDate to = to(ctx.queryParam("to"));
    SalesReport.Sales s = sales.between(to.minusDays(days - 1L), to);
    List<String> x = s.days().stream().map(d -> d.date().toString()).toList();
    Chart salesChart =
        new Chart(
            "bar",
            x,
            List.of(
                new Chart.Series(
                    "Revenue", "bar", s.days().stream().map(SalesReport.Day::revenue).toList(), 0),
                new Chart.Series(
                    "Orders", "line", s.days().stream().map(SalesReport.Day::orders).toList(), 1)),
            false,
            "Revenue",
            true,
            "Orders");
    Chart customersChart =
        Chart.bars(
            x,
            List.of(
                new Chart.Series(
                    "New", "bar", s.days().stream().map(SalesReport.Day::newCustomers).toList(), 0),
                new Chart.Series(
                    "Returning",
                    "bar",
                    s.days().stream().map(SalesReport.Day::returningCustomers).toList(),
                    0)),
            true);
    MessageReport.Messages m = messages.between(to.minusDays(days - 1L), to);
    Chart messagesChart =
        new Chart(
            "line",
            x,
            List.of(
                new Chart.Series(
                    "Sends", "bar", m.days().stream().map(MessageReport.Day::sends).toList(), 0),
                new Chart.Series(
                    "Opens", "line", m.days().stream().map(MessageReport.Day::opens).toList(), 0),
                new Chart.Series(
                    "Clicks", "line", m.days().stream().map(MessageReport.Day::clicks).toList(), 0),
                new Chart.Series(
                    "Unsubscribes",
                    "line",
                    m.days().stream().map(MessageReport.Day::unsubscribes).toList(),
                    0)),
            false,
            "",
            false,
            "");
    pages.render(
        ctx,
        "dashboard.jte",
        "chrome",
        new Chrome("Dashboard", "dashboard", viewer),
        "view",
        new View(
            days,
            to.toString(),
            s,
            salesChart.json(),
            customersChart.json(),
            m,
            messagesChart.json()),
        "health",
        health());
  }

  private void health(Context ctx, Viewer viewer) {
    pages.render(ctx, "health.jte", "health", health());
  }

  private Health health() {
    OptionalDouble perSecond = rate.perSecond();
    return new Health(
        perSecond.isPresent()
            ? String.format(Locale.ROOT, "%.1f", perSecond.getAsDouble())
            : "measuring…",
        lag.getAsLong(),
        failures.count());
  }

  private static int days(String value) {
    try {
      int days = value == null ? 30 : Integer.parseInt(value);
      return PERIODS.contains(days) ? days : 30;
    } catch (NumberFormatException e) {
      return 30;
    }
  }

  /** The period's last day: as chosen, else the day of the newest order (imports of past years). */
  private LocalDate to(String value) {
    if (value != null && !value.isBlank()) {
      try {
        return LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        // fall back to the default
      }
    }
    LocalDate today = LocalDate.now(clock.withZone(zone));
    return sales.newestOrderDay().filter(d -> d.isBefore(today)).orElse(today);
  }
}
