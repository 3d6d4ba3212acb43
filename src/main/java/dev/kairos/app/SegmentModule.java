package dev.kairos.app;

import dev.kairos.ingest.EventWatermark;
import dev.kairos.ingest.GroupCommit;
import dev.kairos.platform.ConfigurationException;
import dev.kairos.platform.KairosConfig;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.http.Json;
import dev.kairos.platform.http.RouteGroup;
import dev.kairos.profile.store.EventProcessor;
import dev.kairos.segment.Audience;
import dev.kairos.segment.BuiltInSegments;
import dev.kairos.segment.Evaluation;
import dev.kairos.segment.MembershipChange;
import dev.kairos.segment.SegmentCatalog;
import dev.kairos.segment.SegmentServices;
import dev.kairos.segment.Segments;
import dev.kairos.segment.membership.RealTimeMembership;
import dev.kairos.segment.schedule.DailySegmentUpkeep;
import dev.kairos.segment.schedule.DeadlineScheduler;
import dev.kairos.segment.schedule.RecomputeWorker;
import dev.kairos.segment.schedule.TimelineRelay;
import dev.kairos.segment.store.BuiltInStore;
import dev.kairos.segment.store.DeadlineStore;
import dev.kairos.segment.store.MemberQueries;
import dev.kairos.segment.store.MembershipStore;
import dev.kairos.segment.store.PersonSource;
import dev.kairos.segment.store.RecomputeStore;
import dev.kairos.segment.store.Reevaluation;
import dev.kairos.segment.store.SegmentFeed;
import dev.kairos.segment.store.SegmentStore;
import dev.kairos.segment.store.SizeStore;
import dev.kairos.segment.store.SqlAudience;
import dev.kairos.segment.store.SqlRecompute;
import dev.kairos.segment.store.sql.PersonLoader;
import dev.kairos.segment.store.sql.SegmentSql;
import dev.kairos.segment.web.MemberApi;
import dev.kairos.segment.web.SegmentApi;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

/**
 * The segment context wired: definitions and their API, memberships kept current after each applied
 * event, on deadlines and by background recomputes, the daily upkeep and the timeline relay of the
 * membership feed.
 */
final class SegmentModule implements AutoCloseable {
  private final List<RouteGroup> routes;
  private final RealTimeMembership realTime;
  private final DeadlineScheduler deadlines;
  private final RecomputeWorker recomputes;
  private final TimelineRelay relay;
  private final DailySegmentUpkeep daily;
  private SegmentServices services;

  private SegmentModule(
      List<RouteGroup> routes,
      RealTimeMembership realTime,
      DeadlineScheduler deadlines,
      RecomputeWorker recomputes,
      TimelineRelay relay,
      DailySegmentUpkeep daily) {
    this.routes = routes;
    this.realTime = realTime;
    this.deadlines = deadlines;
    this.recomputes = recomputes;
    this.relay = relay;
    this.daily = daily;
  }

  static SegmentModule start(
      Database database,
      EventProcessor processor,
      EventWatermark watermark,
      GroupCommit<?> groupCommit,
      boolean installBuiltIns,
      ZoneId workspaceZone,
      Clock clock) {
    SegmentStore store = new SegmentStore(database, Json.MAPPER);
    SegmentCatalog catalog = new SegmentCatalog(store).reload();
    PersonSource people = new PersonLoader()::load;
    SegmentSql segmentSql = new SegmentSql(catalog, workspaceZone);
    Audience audience = new SqlAudience(database, segmentSql);
    RecomputeStore recomputeStore = new RecomputeStore(database);
    Segments segments = new Segments(store, catalog, recomputeStore, clock);
    SegmentFeed feed = new SegmentFeed();
    Reevaluation reevaluation =
        new Reevaluation(
            database,
            clock,
            people,
            new Evaluation(catalog, workspaceZone, Json.MAPPER),
            new MembershipStore(Json.MAPPER, feed));
    TimelineRelay relay = new TimelineRelay(database, feed, groupCommit, Json.MAPPER).start();
    java.util.function.Consumer<List<MembershipChange>> changed = changes -> relay.wake();
    RealTimeMembership realTime = new RealTimeMembership(catalog, reevaluation, changed);
    processor.whenApplied(realTime); // before it starts: no applied group goes unnoticed
    realTime.start();
    RecomputeWorker recomputes =
        new RecomputeWorker(
                recomputeStore,
                reevaluation,
                new SqlRecompute(database, segmentSql, feed),
                catalog,
                clock,
                changed)
            .start();
    segments.whenRecomputeQueued(recomputes::wake);
    BuiltInSegments builtIns =
        new BuiltInSegments(segments, new BuiltInStore(database), Json.MAPPER, clock);
    if (installBuiltIns) {
      builtIns.install();
    }
    DeadlineScheduler deadlines =
        new DeadlineScheduler(database, new DeadlineStore(), reevaluation, catalog, clock, changed)
            .start();
    SizeStore sizes = new SizeStore(database);
    DailySegmentUpkeep daily =
        new DailySegmentUpkeep(builtIns, segments, catalog, sizes, clock, workspaceZone).start();
    MemberQueries memberQueries = new MemberQueries(database, Json.MAPPER);
    List<RouteGroup> routes =
        List.of(
            new SegmentApi(segments, store, catalog, recomputeStore, audience, Json.MAPPER, clock),
            new MemberApi(
                store,
                catalog,
                memberQueries,
                sizes,
                reevaluation,
                realTime,
                watermark::appended,
                clock));
    SegmentModule module = new SegmentModule(routes, realTime, deadlines, recomputes, relay, daily);
    module.services =
        new SegmentServices(segments, store, catalog, audience, memberQueries, sizes, reevaluation);
    return module;
  }

  /** The services the management API uses, for the console's segment pages. */
  SegmentServices services() {
    return services;
  }

  /** {@code KAIROS_SEGMENTS_BUILT_IN}: {@code on} (default) installs the built-in segments. */
  static boolean builtIns(KairosConfig config) {
    String value = config.environment().getOrDefault("KAIROS_SEGMENTS_BUILT_IN", "on");
    return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "on", "" -> true;
      case "off" -> false;
      default ->
          throw new ConfigurationException(
              "KAIROS_SEGMENTS_BUILT_IN must be on or off, not " + value);
    };
  }

  List<RouteGroup> routes() {
    return routes;
  }

  RealTimeMembership realTime() {
    return realTime;
  }

  DeadlineScheduler deadlines() {
    return deadlines;
  }

  @Override
  public void close() {
    daily.close();
    deadlines.close();
    recomputes.close();
    realTime.close();
    relay.close();
  }
}
