package dev.kairos.console.web;

import dev.kairos.commerce.store.SalesReport;
import dev.kairos.console.Accounts;
import dev.kairos.console.IngestRate;
import dev.kairos.console.LoginThrottle;
import dev.kairos.console.PasswordHasher;
import dev.kairos.console.store.ApiTokenStore;
import dev.kairos.console.store.SessionStore;
import dev.kairos.console.store.UserStore;
import dev.kairos.delivery.store.MessageReport;
import dev.kairos.delivery.store.ProfileVariables;
import dev.kairos.identity.IdentifierNormaliser;
import dev.kairos.intelligence.ServingRecommendations;
import dev.kairos.intelligence.store.ClvStore;
import dev.kairos.intelligence.store.ScoreDistribution;
import dev.kairos.journey.ConditionLanguage;
import dev.kairos.journey.store.JourneyQueries;
import dev.kairos.journey.store.JourneyStore;
import dev.kairos.journey.store.StepCounts;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.http.Json;
import dev.kairos.platform.http.RouteGroup;
import dev.kairos.profile.store.EventFailures;
import dev.kairos.profile.store.ProfileMaintenance;
import dev.kairos.profile.store.ProfileQueries;
import dev.kairos.segment.SegmentServices;
import dev.kairos.template.TemplateRenderer;
import dev.kairos.template.store.TemplateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The marketer's console, served at {@code /}: its users and API tokens, and its pages over the
 * services the management API uses.
 */
public final class Console {
  private final Accounts accounts;
  private final ApiTokenStore apiTokens;
  private final List<RouteGroup> routes;
  private final Clock clock;

  /** The services of the other contexts the console reads and changes data through. */
  public record Services(
      ProfileQueries profiles,
      ProfileMaintenance maintenance,
      IdentifierNormaliser normaliser,
      EventFailures failures,
      ServingRecommendations recommendations,
      ClvStore clv,
      LongSupplier processingLag,
      DoubleSupplier eventsStored,
      ZoneId workspaceZone,
      SegmentServices segments,
      Journeys journeys) {}

  /** The journey context's store, figures and the condition check its management API uses. */
  public record Journeys(
      JourneyStore store, JourneyQueries queries, StepCounts steps, ConditionLanguage conditions) {}

  private Console(
      Accounts accounts, ApiTokenStore apiTokens, List<RouteGroup> routes, Clock clock) {
    this.accounts = accounts;
    this.apiTokens = apiTokens;
    this.routes = routes;
    this.clock = clock;
  }

  public static Console create(
      Database database, Services services, CookieSecurity.Mode cookieMode, Clock clock) {
    Accounts accounts =
        new Accounts(
            new UserStore(database),
            new SessionStore(database),
            PasswordHasher.DEFAULT,
            LoginThrottle.standard(clock),
            clock);
    ApiTokenStore apiTokens = new ApiTokenStore(database);
    Pages pages = new Pages();
    CookieSecurity cookies = new CookieSecurity(cookieMode);
    ConsoleAccess access = new ConsoleAccess(accounts, pages, cookies);
    List<RouteGroup> routes =
        List.of(
            new Assets(),
            new SignInPages(accounts, access, pages, cookies),
            new DashboardPage(
                access,
                pages,
                new SalesReport(database, services.workspaceZone()),
                new MessageReport(database, services.workspaceZone()),
                new IngestRate(services.eventsStored(), clock, Duration.ofSeconds(2)),
                services.processingLag(),
                services.failures(),
                clock,
                services.workspaceZone()),
            new CustomerPages(
                access,
                pages,
                services.profiles(),
                services.maintenance(),
                services.normaliser(),
                services.recommendations()),
            new IntelligencePage(access, pages, new ScoreDistribution(database), services.clv()),
            new SettingsPages(access, pages, accounts, apiTokens, clock),
            new PlaceholderPages(access, pages),
            // before the segment pages: /segments/new is not a segment's key
            new SegmentBuilder(access, pages, services.segments(), clock),
            new SegmentPages(access, pages, services.segments(), services.profiles(), clock),
            new CustomerJourneys(access, pages, services.profiles(), services.journeys().queries()),
            // before the journey canvas: /journeys/import is not a journey's key
            journeyPages(access, pages, services.journeys()),
            new JourneyCanvas(
                access,
                pages,
                services.journeys().store(),
                services.journeys().queries(),
                services.journeys().steps(),
                drafts(services.journeys())),
            templatePages(access, pages, services, database, clock),
            new UserApi(accounts));
    return new Console(accounts, apiTokens, routes, clock);
  }

  private static JourneyPages journeyPages(ConsoleAccess access, Pages pages, Journeys journeys) {
    return new JourneyPages(access, pages, journeys.store(), drafts(journeys));
  }

  private static TemplatePages templatePages(
      ConsoleAccess access, Pages pages, Services services, Database database, Clock clock) {
    TemplateRenderer renderer = new TemplateRenderer();
    return new TemplatePages(
        access,
        pages,
        new TemplateStore(database, clock),
        renderer,
        new TemplatePreview(
            renderer,
            new ProfileVariables(services.profiles(), Json.MAPPER),
            services.profiles(),
            services.normaliser()));
  }

  private static JourneyDrafts drafts(Journeys journeys) {
    return new JourneyDrafts(journeys.store(), journeys.conditions());
  }

  public List<RouteGroup> routes() {
    return routes;
  }

  public Accounts accounts() {
    return accounts;
  }

  /** Whether a bearer token is a live API token made in the console. */
  public boolean acceptsApiToken(String token) {
    return apiTokens.accepts(token, clock.instant());
  }
}
