package dev.kairos.app;

import dev.kairos.identity.IdentifierNormaliser;
import dev.kairos.identity.IdentifierRules;
import dev.kairos.ingest.CallParser;
import dev.kairos.ingest.GroupCommit;
import dev.kairos.ingest.imports.GroupCommitTransport;
import dev.kairos.ingest.imports.Importer;
import dev.kairos.ingest.imports.web.ImportApi;
import dev.kairos.ingest.web.TrackingApi;
import dev.kairos.platform.ConfigurationException;
import dev.kairos.platform.Credentials;
import dev.kairos.platform.KairosConfig;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.http.Json;
import dev.kairos.platform.http.RouteGroup;
import dev.kairos.profile.store.EventApplier;
import dev.kairos.profile.store.ProfileMaintenance;
import dev.kairos.profile.store.ProfileQueries;
import dev.kairos.profile.store.ProfileStore;
import dev.kairos.profile.web.AdminAuth;
import dev.kairos.profile.web.ProfileApi;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;

/** The wiring of the contexts along the data flow: ingest → identity → commerce → profile. */
public final class Modules implements AutoCloseable {
  private final List<RouteGroup> routes;
  private final GroupCommit groupCommit;
  private final EventApplier applier;

  private Modules(List<RouteGroup> routes, GroupCommit groupCommit, EventApplier applier) {
    this.routes = routes;
    this.groupCommit = groupCommit;
    this.applier = applier;
  }

  static Modules create(
      KairosConfig config,
      Database database,
      Credentials credentials,
      MeterRegistry metrics,
      Clock clock) {
    IdentifierRules rules = identifierRules(config);
    ProfileStore profiles = new ProfileStore(Json.MAPPER);
    EventApplier applier = new EventApplier(database, rules, profiles, clock, "api");
    GroupCommit groupCommit = new GroupCommit(applier, 5_000);
    TrackingApi tracking =
        new TrackingApi(
            new CallParser(Json.MAPPER, clock), groupCommit, credentials.writeKey(), metrics);
    ProfileQueries queries = new ProfileQueries(database, profiles, Json.MAPPER);
    ProfileMaintenance maintenance = new ProfileMaintenance(database, profiles, Json.MAPPER, clock);
    ProfileApi profileApi = new ProfileApi(queries, maintenance, normaliser(config));
    ImportApi imports =
        new ImportApi(
            new Importer(Json.MAPPER, clock),
            new GroupCommitTransport(new CallParser(Json.MAPPER, clock), groupCommit));
    return new Modules(
        List.of(
            tracking, new AdminAuth(credentials.adminToken()), profileApi, imports, new OpenApi()),
        groupCommit,
        applier);
  }

  private static IdentifierNormaliser normaliser(KairosConfig config) {
    return new IdentifierNormaliser(config.defaultCountry().orElse(null));
  }

  private static IdentifierRules identifierRules(KairosConfig config) {
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

  /** Applies events directly (bulk import), bypassing HTTP but not dedup, identity or commerce. */
  public EventApplier applier() {
    return applier;
  }

  @Override
  public void close() {
    groupCommit.close();
  }
}
