package dev.kairos.app;

import dev.kairos.channel.SandboxChannel;
import dev.kairos.channel.email.EmailChannel;
import dev.kairos.channel.email.SmtpSettings;
import dev.kairos.channel.email.web.EmailTrackingRoutes;
import dev.kairos.delivery.Channel;
import dev.kairos.delivery.ChannelDirectory;
import dev.kairos.delivery.ConsentCheck;
import dev.kairos.delivery.DeliveryEvents;
import dev.kairos.delivery.DeliveryPolicy;
import dev.kairos.delivery.FrequencyCaps;
import dev.kairos.delivery.Links;
import dev.kairos.delivery.ProductRecommendations;
import dev.kairos.delivery.QuietHours;
import dev.kairos.delivery.SendSuppression;
import dev.kairos.delivery.store.Dispatcher;
import dev.kairos.delivery.store.OutboxStore;
import dev.kairos.delivery.store.ProfileVariables;
import dev.kairos.delivery.web.MessagesApi;
import dev.kairos.delivery.web.TemplatePreviewApi;
import dev.kairos.journey.PersonConditions;
import dev.kairos.journey.store.BroadcastQueries;
import dev.kairos.journey.store.BroadcastTriggers;
import dev.kairos.journey.store.DateTriggers;
import dev.kairos.journey.store.EventTriggers;
import dev.kairos.journey.store.JourneyEngine;
import dev.kairos.journey.store.JourneyQueries;
import dev.kairos.journey.store.JourneyStore;
import dev.kairos.journey.store.MergeFollower;
import dev.kairos.journey.store.SegmentTriggers;
import dev.kairos.journey.web.BroadcastApi;
import dev.kairos.journey.web.JourneyApi;
import dev.kairos.platform.ConfigurationException;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.http.Json;
import dev.kairos.platform.http.RouteGroup;
import dev.kairos.profile.store.ProfileQueries;
import dev.kairos.template.TemplateRenderer;
import dev.kairos.template.store.TemplateStore;
import dev.kairos.template.web.TemplateApi;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Journeys, templates, delivery and the sandbox channel, and the background worker that reads the
 * event and segment feeds, executes due steps and dispatches due messages. Conditions, their check
 * on save and the membership feed come from the segment context ({@link JourneySegments}).
 */
public final class JourneyModule implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JourneyModule.class);

  private final EventTriggers events;
  private final SegmentTriggers segments;
  private final DateTriggers dates;
  private final BroadcastTriggers broadcasts;
  private final MergeFollower merges;
  private final JourneyEngine engine;
  private final Dispatcher dispatcher;
  private final List<RouteGroup> routes;
  private final Thread worker;
  private OutboxStore outbox;
  private TemplateStore templates;
  private volatile boolean closing;

  private JourneyModule(
      EventTriggers events,
      SegmentTriggers segments,
      DateTriggers dates,
      BroadcastTriggers broadcasts,
      MergeFollower merges,
      JourneyEngine engine,
      Dispatcher dispatcher,
      List<RouteGroup> routes,
      boolean background) {
    this.events = events;
    this.segments = segments;
    this.dates = dates;
    this.broadcasts = broadcasts;
    this.merges = merges;
    this.engine = engine;
    this.dispatcher = dispatcher;
    this.routes = routes;
    this.worker = background ? new Thread(this::work, "kairos-journeys") : null;
  }

  static JourneyModule create(
      Map<String, String> env,
      Database database,
      ProfileQueries profiles,
      Clock clock,
      JourneySegments segmentLanguage,
      SendSuppression suppression,
      ConsentCheck consent,
      Links links,
      ChannelDirectory channels,
      DeliveryEvents deliveryEvents,
      ProductRecommendations recommendations) {
    ZoneId zone = zone(env);
    JourneyStore journeys = new JourneyStore(database, Json.MAPPER, clock);
    PersonConditions conditions = segmentLanguage.conditions();
    OutboxStore outbox = new OutboxStore(database);
    JourneyEngine engine =
        new JourneyEngine(database, journeys, conditions, outbox, zone, clock, 500);
    EventTriggers events = new EventTriggers(database, journeys, engine, clock);
    SegmentTriggers segments =
        new SegmentTriggers(database, journeys, engine, segmentLanguage.feed(), clock);
    TemplateStore templates = new TemplateStore(database, clock);
    TemplateRenderer renderer = new TemplateRenderer();
    BuiltInJourneys.install(
        journeys,
        templates,
        "publish".equalsIgnoreCase(env.getOrDefault("KAIROS_BUILTIN_JOURNEYS", "draft")));
    ProfileVariables variables =
        new ProfileVariables(profiles, database, recommendations, Json.MAPPER);
    Dispatcher dispatcher =
        new Dispatcher(
            database,
            templates,
            renderer,
            variables,
            policy(env),
            ChannelDirectory.of(channels(env, links, deliveryEvents, clock)).orElse(channels),
            SandboxChannel::new,
            zone,
            suppression,
            consent,
            links,
            clock,
            200);
    List<RouteGroup> routes =
        List.of(
            new JourneyApi(
                journeys,
                new JourneyQueries(database, engine),
                Json.MAPPER,
                segmentLanguage.language()),
            new TemplateApi(templates, renderer, Json.MAPPER),
            new MessagesApi(outbox),
            new BroadcastApi(new BroadcastQueries(database, journeys, clock)),
            new EmailTrackingRoutes(links, deliveryEvents, clock),
            new TemplatePreviewApi(templates, renderer, variables, links, Json.MAPPER));
    boolean background = !"off".equalsIgnoreCase(env.getOrDefault("KAIROS_JOURNEYS_WORKER", "on"));
    JourneyModule module =
        new JourneyModule(
            events,
            segments,
            new DateTriggers(database, journeys, engine, clock),
            new BroadcastTriggers(database, journeys, engine, clock),
            new MergeFollower(database, engine, clock),
            engine,
            dispatcher,
            routes,
            background);
    module.outbox = outbox;
    module.templates = templates;
    if (module.worker != null) {
      module.worker.setDaemon(true);
      module.worker.start();
    }
    return module;
  }

  /** The configured channels; a channel not here goes to the sandbox. */
  private static Map<String, Channel> channels(
      Map<String, String> env, Links links, DeliveryEvents events, Clock clock) {
    try {
      return SmtpSettings.from(env)
          .<Map<String, Channel>>map(
              smtp -> {
                LOG.info("email goes to {}", smtp);
                String unsubscribeTo =
                    Optional.ofNullable(env.get("KAIROS_EMAIL_UNSUBSCRIBE_TO"))
                        .filter(v -> !v.isBlank())
                        .orElse(smtp.from().getAddress());
                return Map.of("email", new EmailChannel(smtp, links, unsubscribeTo, events, clock));
              })
          .orElse(Map.of());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage());
    }
  }

  static DeliveryPolicy policy(Map<String, String> env) {
    try {
      Optional<QuietHours> quiet =
          Optional.ofNullable(env.get("KAIROS_QUIET_HOURS"))
              .filter(s -> !s.isBlank() && !s.equals("off"))
              .map(JourneyModule::quietHours);
      return new DeliveryPolicy(
          quiet,
          new FrequencyCaps(
              cap(env, "KAIROS_CAP_CHANNEL_DAY"),
              cap(env, "KAIROS_CAP_DAY"),
              cap(env, "KAIROS_CAP_CHANNEL_WEEK"),
              cap(env, "KAIROS_CAP_WEEK")));
    } catch (RuntimeException e) {
      throw new ConfigurationException(e.getMessage());
    }
  }

  /** Reads the journey settings without starting anything: a bad one throws naming its variable. */
  static void checkSettings(Map<String, String> env) {
    zone(env);
    policy(env);
  }

  private static QuietHours quietHours(String value) {
    try {
      return QuietHours.parse(value);
    } catch (RuntimeException e) {
      throw new ConfigurationException("KAIROS_QUIET_HOURS: " + e.getMessage());
    }
  }

  private static int cap(Map<String, String> env, String name) {
    String value = env.get(name);
    try {
      return value == null || value.isBlank() ? 0 : Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new ConfigurationException(name + " is not a whole number: " + value);
    }
  }

  private static ZoneId zone(Map<String, String> env) {
    String value = env.getOrDefault("KAIROS_WORKSPACE_TIME_ZONE", "UTC");
    try {
      return ZoneId.of(value);
    } catch (DateTimeException e) {
      throw new ConfigurationException("KAIROS_WORKSPACE_TIME_ZONE is not a time zone: " + value);
    }
  }

  /** One round of every job: the number of things done (0 when idle). */
  public int workOnce() {
    return merges.poll()
        + events.poll()
        + segments.poll()
        + dates.poll()
        + broadcasts.poll()
        + engine.runDue()
        + dispatcher.dispatchDue();
  }

  /** Works until nothing is left to do now. */
  public void workUntilIdle() {
    while (workOnce() > 0) {
      // more may be due
    }
  }

  public JourneyEngine engine() {
    return engine;
  }

  /** The outbox (transactional sends queue into it too). */
  public OutboxStore outbox() {
    return outbox;
  }

  public TemplateStore templates() {
    return templates;
  }

  public Dispatcher dispatcher() {
    return dispatcher;
  }

  public EventTriggers events() {
    return events;
  }

  List<RouteGroup> routes() {
    return routes;
  }

  private void work() {
    long backoff = 100;
    while (!closing) {
      try {
        if (workOnce() == 0) {
          TimeUnit.MILLISECONDS.sleep(100);
        }
        backoff = 100;
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("journey worker failed; retrying in {} ms", backoff, e);
        try {
          TimeUnit.MILLISECONDS.sleep(backoff);
        } catch (InterruptedException interrupted) {
          return;
        }
        backoff = Math.min(30_000, backoff * 2);
      }
    }
  }

  @Override
  public void close() {
    closing = true;
    if (worker != null) {
      worker.interrupt();
      try {
        worker.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
