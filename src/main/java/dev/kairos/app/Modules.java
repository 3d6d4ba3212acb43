package dev.kairos.app;

import dev.kairos.commerce.store.CommerceStore;
import dev.kairos.console.web.Console;
import dev.kairos.console.web.CookieSecurity;
import dev.kairos.delivery.DeliveryEvents;
import dev.kairos.delivery.Links;
import dev.kairos.delivery.ProductRecommendations;
import dev.kairos.delivery.store.DeliveryEventLog;
import dev.kairos.delivery.web.TransactionalSendApi;
import dev.kairos.identity.Identifier;
import dev.kairos.identity.IdentifierNormaliser;
import dev.kairos.identity.IdentifierRules;
import dev.kairos.identity.store.IdentityStore;
import dev.kairos.ingest.CallParser;
import dev.kairos.ingest.DeletedPeople;
import dev.kairos.ingest.ErasedOrders;
import dev.kairos.ingest.EventWatermark;
import dev.kairos.ingest.GroupCommit;
import dev.kairos.ingest.TrackedEvent;
import dev.kairos.ingest.imports.GroupCommitTransport;
import dev.kairos.ingest.imports.ImportLimits;
import dev.kairos.ingest.imports.Importer;
import dev.kairos.ingest.imports.web.ImportApi;
import dev.kairos.ingest.store.EventAppender;
import dev.kairos.ingest.web.ReadYourWrites;
import dev.kairos.ingest.web.TrackingApi;
import dev.kairos.intelligence.ClvStep;
import dev.kairos.intelligence.IntelligenceSettings;
import dev.kairos.intelligence.LifecycleStep;
import dev.kairos.intelligence.RecommendationSettings;
import dev.kairos.intelligence.RecomputingProfileScores;
import dev.kairos.intelligence.ReplenishmentStep;
import dev.kairos.intelligence.RfmStep;
import dev.kairos.intelligence.SendHourStep;
import dev.kairos.intelligence.ServingRecommendations;
import dev.kairos.intelligence.recommend.Strategy;
import dev.kairos.intelligence.recommend.Subject;
import dev.kairos.intelligence.schedule.RecommendationSchedule;
import dev.kairos.intelligence.schedule.RecomputeSchedule;
import dev.kairos.intelligence.store.ClvStore;
import dev.kairos.intelligence.store.InteractionSource;
import dev.kairos.intelligence.store.NonMerchandiseFlags;
import dev.kairos.intelligence.store.ProfileScoreStore;
import dev.kairos.intelligence.store.RecomputeRunStore;
import dev.kairos.intelligence.store.ReplenishmentStore;
import dev.kairos.intelligence.store.ShopHistoryStore;
import dev.kairos.intelligence.store.StageChangeEvents;
import dev.kairos.intelligence.web.IntelligenceApi;
import dev.kairos.intelligence.web.NonMerchandiseApi;
import dev.kairos.intelligence.web.RecommendationApi;
import dev.kairos.journey.store.JourneyQueries;
import dev.kairos.journey.store.JourneyStore;
import dev.kairos.journey.store.StepCounts;
import dev.kairos.platform.ConfigurationException;
import dev.kairos.platform.Credentials;
import dev.kairos.platform.KairosConfig;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.http.Json;
import dev.kairos.platform.http.RouteGroup;
import dev.kairos.platform.signing.SigningKeys;
import dev.kairos.profile.store.EventApplier;
import dev.kairos.profile.store.EventFailures;
import dev.kairos.profile.store.EventProcessor;
import dev.kairos.profile.store.ProfileMaintenance;
import dev.kairos.profile.store.ProfileQueries;
import dev.kairos.profile.store.ProfileStore;
import dev.kairos.profile.store.SuppressionStore;
import dev.kairos.profile.web.AdminAuth;
import dev.kairos.profile.web.ProfileApi;
import dev.kairos.profile.web.SuppressionApi;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The wiring of the contexts along the data flow: ingest → identity → commerce → profile, and
 * intelligence beside it.
 */
public final class Modules implements AutoCloseable {
  /** Profiles the event processor keeps in memory (a few KB each); a small heap keeps fewer. */
  private static final int CACHED_PROFILES =
      (int) Math.max(1_000, Math.min(100_000, Runtime.getRuntime().maxMemory() / (16 * 1024)));

  private final List<RouteGroup> routes;
  private final GroupCommit<?> groupCommit;
  private final EventProcessor processor;
  private final EventWatermark watermark;
  private final RecomputingProfileScores profileScores;
  private final Optional<RecomputeSchedule> recomputeSchedule;
  private final Optional<RecommendationSchedule> recommendationSchedule;
  private final SegmentModule segments;
  private JourneyModule journeys;
  private AtomicReference<String> publicUrl;
  private final Console console;

  private Modules(
      List<RouteGroup> routes,
      GroupCommit<?> groupCommit,
      EventProcessor processor,
      EventWatermark watermark,
      RecomputingProfileScores profileScores,
      Optional<RecomputeSchedule> recomputeSchedule,
      Optional<RecommendationSchedule> recommendationSchedule,
      SegmentModule segments,
      Console console) {
    this.routes = concat(routes, console.routes());
    this.groupCommit = groupCommit;
    this.processor = processor;
    this.watermark = watermark;
    this.profileScores = profileScores;
    this.recomputeSchedule = recomputeSchedule;
    this.recommendationSchedule = recommendationSchedule;
    this.segments = segments;
    this.console = console;
  }

  private static List<RouteGroup> concat(List<RouteGroup> first, List<RouteGroup> second) {
    List<RouteGroup> all = new java.util.ArrayList<>(first);
    all.addAll(second);
    return List.copyOf(all);
  }

  /** The most events stored in one group-commit transaction. */
  private static final int MAX_GROUP_EVENTS = 5_000;

  /**
   * @param background where work nobody waits on runs (applying the log): a pool at lower CPU
   *     priority, or {@code database} itself
   */
  static Modules create(
      KairosConfig config,
      Database database,
      Database background,
      Credentials credentials,
      MeterRegistry metrics,
      Clock clock) {
    IdentifierRules rules = identifierRules(config);
    ProfileStore profiles = new ProfileStore(Json.MAPPER);
    EventApplier applier = new EventApplier(rules, profiles, clock, "api");
    EventWatermark watermark = new EventWatermark();
    EventProcessor processor =
        new EventProcessor(
                background,
                applier,
                Json.MAPPER,
                watermark,
                clock,
                CACHED_PROFILES,
                config.applyLinger())
            .start();
    GroupCommit<?> groupCommit =
        new GroupCommit<>(
            new EventAppender<>(
                database,
                applier::prepare,
                processor,
                watermark,
                Math.max(MAX_GROUP_EVENTS, EventProcessor.MAX_QUEUED - MAX_GROUP_EVENTS)),
            MAX_GROUP_EVENTS);
    processingMetrics(metrics, watermark, processor);
    TrackingApi tracking =
        new TrackingApi(
            new CallParser(Json.MAPPER, clock),
            groupCommit,
            credentials,
            metrics,
            erasedOrders(database),
            deletedPeople(database, rules));
    ProfileQueries queries = new ProfileQueries(database, profiles, Json.MAPPER);
    ProfileMaintenance maintenance =
        new ProfileMaintenance(database, profiles, Json.MAPPER, clock, rules);
    ProfileApi profileApi =
        new ProfileApi(
            queries,
            maintenance,
            normaliser(config),
            new EventFailures(database, Json.MAPPER, applier, clock),
            identifierKinds(config));
    ImportApi imports =
        new ImportApi(
            new Importer(Json.MAPPER, clock),
            new GroupCommitTransport(
                new CallParser(Json.MAPPER, clock),
                groupCommit,
                erasedOrders(database),
                deletedPeople(database, rules)),
            ImportLimits.from(config.environment()));
    IntelligenceSettings intelligence = intelligenceSettings(config);
    RecomputingProfileScores profileScores =
        profileScores(database, groupCommit, watermark, intelligence, clock);
    IntelligenceApi intelligenceApi =
        new IntelligenceApi(
            profileScores,
            new ReplenishmentStore(database),
            new ClvStore(database, Json.MAPPER),
            Json.MAPPER,
            intelligence.workspaceZone());
    Optional<RecomputeSchedule> schedule =
        intelligence.scheduled()
            ? Optional.of(
                RecomputeSchedule.start(database.dataSource(), profileScores, intelligence, clock))
            : Optional.empty();
    RecommendationSettings recommending = recommendationSettings(config);
    ServingRecommendations recommendations =
        new ServingRecommendations(
            new InteractionSource(database, recommending.viewWindow()),
            recommending.model(),
            clock,
            profileScores::scoredAsOf);
    Optional<RecommendationSchedule> rebuilds =
        intelligence.scheduled()
            ? Optional.of(
                RecommendationSchedule.start(recommendations, recommending.rebuildEvery()))
            : Optional.empty();
    SegmentModule segments =
        SegmentModule.start(
            database,
            processor,
            watermark,
            groupCommit,
            SegmentModule.builtIns(config),
            intelligence.workspaceZone(),
            clock);
    dev.kairos.consent.ConsentSettings consentSettings = consentSettings(config);
    dev.kairos.consent.store.ConsentStore consent =
        new dev.kairos.consent.store.ConsentStore(
            database,
            groupCommit,
            watermark,
            new dev.kairos.consent.MarketingConsent(consentSettings),
            Json.MAPPER,
            clock);
    AtomicReference<String> publicUrl = new AtomicReference<>(publicUrl(config));
    dev.kairos.platform.signing.Signer signer =
        SigningKeys.load(config.environment(), database, clock);
    Links links = new Links(publicUrl::get, signer);
    DeliveryEvents deliveryEvents = new DeliveryEventLog(database, groupCommit, Json.MAPPER);
    ChannelModule channels =
        ChannelModule.create(database, signer, publicUrl::get, deliveryEvents, clock);
    JourneyModule journeys =
        JourneyModule.create(
            config.environment(),
            database,
            queries,
            clock,
            JourneySegments.over(database, intelligence.workspaceZone()),
            new dev.kairos.delivery.SendSuppression(
                new SuppressionStore(database, profiles, clock), normaliser(config)),
            consent::refusal,
            links,
            channels.registry(),
            deliveryEvents,
            productRecommendations(recommendations));
    Console console =
        console(
            config,
            database,
            new Console.Services(
                queries,
                maintenance,
                normaliser(config),
                new EventFailures(database, Json.MAPPER, applier, clock),
                recommendations,
                new ClvStore(database, Json.MAPPER),
                watermark::lag,
                metrics.counter("kairos_ingest_events", "outcome", "stored")::count,
                intelligence.workspaceZone(),
                segments.services(),
                new Console.Journeys(
                    new JourneyStore(database, Json.MAPPER, clock),
                    new JourneyQueries(database, journeys.engine()),
                    new StepCounts(database),
                    JourneySegments.over(database, intelligence.workspaceZone()).language())),
            clock);
    Modules modules =
        new Modules(
            List.of(
                tracking,
                new ApiGate(
                    new AdminAuth(
                        credentials.adminToken(), credentials.writeKey(), console::acceptsApiToken),
                    OpenApi.queryParameters(),
                    new ReadYourWrites(watermark)),
                profileApi,
                imports,
                intelligenceApi,
                new RecommendationApi(recommendations, Json.MAPPER),
                new SuppressionApi(
                    new SuppressionStore(database, profiles, clock),
                    new dev.kairos.profile.store.AddressSuppressionStore(database, clock),
                    normaliser(config),
                    identifierKinds(config)),
                new NonMerchandiseApi(
                    new NonMerchandiseFlags(database), recommendations, Json.MAPPER, clock),
                new OpenApi(),
                new dev.kairos.consent.web.ConsentApi(consent, consentSettings),
                consentRoutes(
                    config,
                    database,
                    credentials,
                    console,
                    consent,
                    consentSettings,
                    signer,
                    links,
                    deliveryEvents,
                    clock),
                segments.routes().get(0),
                segments.routes().get(1),
                r -> journeys.routes().forEach(g -> g.register(r)),
                r -> channels.routes().forEach(g -> g.register(r)),
                new TransactionalSendApi(
                    journeys.outbox(),
                    journeys.templates(),
                    queries,
                    normaliser(config),
                    Json.MAPPER,
                    clock)),
            groupCommit,
            processor,
            watermark,
            profileScores,
            schedule,
            rebuilds,
            segments,
            console);
    modules.journeys = journeys;
    modules.publicUrl = publicUrl;
    return modules;
  }

  /** Recommendations for templates: a strategy by its name ({@code for_you}), ids best first. */
  private static ProductRecommendations productRecommendations(
      ServingRecommendations recommendations) {
    return (profileId, strategy, count) -> {
      Strategy chosen;
      try {
        chosen = Strategy.valueOf(strategy.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return List.of();
      }
      if (!chosen.accepts(new Subject.Person(profileId.toString()))) {
        return List.of();
      }
      return recommendations
          .forProfile(profileId, chosen, count)
          .map(
              found ->
                  found.recommendations().stream()
                      .map(r -> r.recommendation().productId())
                      .toList())
          .orElse(List.of());
    };
  }

  /** Links in messages point at this node's port when {@code KAIROS_PUBLIC_URL} is not set. */
  void listeningOn(KairosConfig config, int port) {
    if (config.environment().get("KAIROS_PUBLIC_URL") == null
        || config.environment().get("KAIROS_PUBLIC_URL").isBlank()) {
      publicUrl.set("http://localhost:" + port);
    }
  }

  /** Journeys, templates and delivery. */
  public JourneyModule journeys() {
    return journeys;
  }

  /** The marketer's console at {@code /} (its cookies' Secure flag from the configuration). */
  private static Console console(
      KairosConfig config, Database database, Console.Services services, Clock clock) {
    try {
      return Console.create(
          database,
          services,
          CookieSecurity.Mode.parse(config.environment().get("KAIROS_CONSOLE_SECURE_COOKIES")),
          clock);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage());
    }
  }

  /** The console: its users and API tokens. */
  public Console console() {
    return console;
  }

  /** RFM, lifecycle stage, replenishment, best send hour and CLV predictions. */
  private static RecomputingProfileScores profileScores(
      Database database,
      GroupCommit<?> groupCommit,
      EventWatermark watermark,
      IntelligenceSettings settings,
      Clock clock) {
    ProfileScoreStore scores = new ProfileScoreStore(database);
    return new RecomputingProfileScores(
        new CaughtUpHistory(
            new ShopHistoryStore(
                database, settings.workspaceZone(), settings.sendHour().lookback(), Json.MAPPER),
            watermark),
        List.of(
            new RfmStep(settings.rfm(), scores),
            new LifecycleStep(
                settings.lifecycle(),
                scores,
                new StageChangeEvents(database, groupCommit, Json.MAPPER)),
            new ReplenishmentStep(settings.replenishment(), new ReplenishmentStore(database)),
            new SendHourStep(settings.sendHour(), scores),
            new ClvStep(settings.clv(), new ClvStore(database, Json.MAPPER))),
        new RecomputeRunStore(database, Json.MAPPER),
        clock,
        settings.analysisAsOf());
  }

  /** {@code KAIROS_PUBLIC_URL}, else this node on localhost (its port known once bound). */
  private static String publicUrl(KairosConfig config) {
    String given = config.environment().get("KAIROS_PUBLIC_URL");
    return given != null && !given.isBlank()
        ? given.trim()
        : "http://localhost:" + config.httpPort();
  }

  static IntelligenceSettings intelligenceSettings(KairosConfig config) {
    try {
      return IntelligenceSettings.from(config.environment());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage());
    }
  }

  static RecommendationSettings recommendationSettings(KairosConfig config) {
    try {
      return RecommendationSettings.from(config.environment());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage());
    }
  }

  /**
   * The public routes of consent (unsubscribe, preference centre, double opt-in confirmation) and
   * the bounce inputs; delivery events are recorded through {@code deliveryEvents}.
   */
  private static RouteGroup consentRoutes(
      KairosConfig config,
      Database database,
      Credentials credentials,
      Console console,
      dev.kairos.consent.store.ConsentStore consent,
      dev.kairos.consent.ConsentSettings settings,
      dev.kairos.platform.signing.Signer signer,
      Links links,
      DeliveryEvents deliveryEvents,
      Clock clock) {
    var addresses = new dev.kairos.profile.store.AddressSuppressionStore(database, clock);
    var reachable = new dev.kairos.delivery.store.ReachableAddresses(database);
    List<RouteGroup> groups =
        List.of(
            new dev.kairos.delivery.web.UnsubscribeRoutes(
                links,
                new dev.kairos.delivery.store.MessageRecipients(database),
                consent,
                deliveryEvents,
                clock),
            new dev.kairos.delivery.web.PreferenceCentre(
                links, signer, consent, settings, reachable, addresses, normaliser(config)),
            new dev.kairos.delivery.web.DoubleOptIn(
                database,
                links,
                signer,
                consent,
                settings,
                reachable,
                new dev.kairos.template.store.TemplateStore(database, clock),
                clock),
            new dev.kairos.delivery.web.BounceRoutes(
                new dev.kairos.delivery.store.BounceHandler(
                    database, addresses, normaliser(config), links, deliveryEvents, clock),
                token ->
                    dev.kairos.platform.Credentials.matches(token, credentials.adminToken())
                        || console.acceptsApiToken(token)));
    return routes -> groups.forEach(group -> group.register(routes));
  }

  private static dev.kairos.consent.ConsentSettings consentSettings(KairosConfig config) {
    try {
      return dev.kairos.consent.ConsentSettings.from(config.environment());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage());
    }
  }

  private static IdentifierNormaliser normaliser(KairosConfig config) {
    return new IdentifierNormaliser(config.defaultCountry().orElse(null));
  }

  /** The kinds {@code GET /api/profiles?identifier=kind:value} knows. */
  private static Set<String> identifierKinds(KairosConfig config) {
    Set<String> kinds =
        new TreeSet<>(
            List.of(
                Identifier.USER_ID, Identifier.ANONYMOUS_ID, Identifier.EMAIL, Identifier.PHONE));
    IdentifierRules.parse(config.identifierKinds()).forEach(rule -> kinds.add(rule.kind()));
    return kinds;
  }

  static IdentifierRules identifierRules(KairosConfig config) {
    try {
      return new IdentifierRules(
          normaliser(config), IdentifierRules.parse(config.identifierKinds()));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage());
    }
  }

  List<RouteGroup> routes() {
    return routes;
  }

  /** How far events are appended and applied on this node. */
  public EventWatermark watermark() {
    return watermark;
  }

  /** The recompute of RFM, lifecycle stages, replenishment, best send hours and CLV. */
  public RecomputingProfileScores profileScores() {
    return profileScores;
  }

  /** The recompute's schedule; empty when {@code KAIROS_INTELLIGENCE_SCHEDULE=off}. */
  public Optional<RecomputeSchedule> recomputeSchedule() {
    return recomputeSchedule;
  }

  /** The segment context (memberships kept current, deadlines, recomputes). */
  SegmentModule segments() {
    return segments;
  }

  @Override
  public void close() {
    journeys.close();
    segments.close();
    recommendationSchedule.ifPresent(RecommendationSchedule::close);
    recomputeSchedule.ifPresent(RecomputeSchedule::close);
    groupCommit.close();
    processor.close();
  }

  private static void processingMetrics(
      MeterRegistry metrics, EventWatermark watermark, EventProcessor processor) {
    io.micrometer.core.instrument.Gauge.builder("kairos.events.processing.lag", watermark::lag)
        .description("events appended on this node and not yet applied to profiles")
        .register(metrics);
    io.micrometer.core.instrument.FunctionCounter.builder(
            "kairos.events.applied", processor, EventProcessor::appliedCount)
        .description("events applied to identity, profiles and commerce by this node")
        .register(metrics);
    io.micrometer.core.instrument.FunctionCounter.builder(
            "kairos.events.apply.failed", processor, EventProcessor::failedCount)
        .description("events that could not be applied (see table event_failures)")
        .register(metrics);
  }

  /** The identifiers of deleted people, whose calls an import rejects instead of storing. */
  private static DeletedPeople deletedPeople(Database database, IdentifierRules rules) {
    IdentityStore identity = new IdentityStore();
    return events -> {
      List<List<Identifier>> carried = new ArrayList<>(events.size());
      Set<Identifier> all = new HashSet<>();
      for (TrackedEvent event : events) {
        List<Identifier> identifiers = rules.of(event);
        carried.add(identifiers);
        all.addAll(identifiers);
      }
      Set<Identifier> suppressed = database.read(c -> identity.suppressed(c, all));
      Map<Integer, String> deleted = new HashMap<>();
      for (int i = 0; i < carried.size() && !suppressed.isEmpty(); i++) {
        for (Identifier identifier : carried.get(i)) {
          if (suppressed.contains(identifier)) {
            deleted.put(i, identifier.toString());
            break;
          }
        }
      }
      return deleted;
    };
  }

  /** The orders of deleted people, which an import does not take for its own (issue 13, F7). */
  private static ErasedOrders erasedOrders(Database database) {
    CommerceStore commerce = new CommerceStore();
    return orderIds -> database.read(c -> commerce.erasedAmong(c, orderIds));
  }
}
