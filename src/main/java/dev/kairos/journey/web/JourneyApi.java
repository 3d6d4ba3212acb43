package dev.kairos.journey.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.journey.DefinitionProblem;
import dev.kairos.journey.DefinitionReader;
import dev.kairos.journey.JourneyDefinition;
import dev.kairos.journey.Reading;
import dev.kairos.journey.store.JourneyQueries;
import dev.kairos.journey.store.JourneyStore;
import dev.kairos.platform.http.HttpProblem;
import dev.kairos.platform.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The journey routes of the management API (docs/journeys.md). */
public final class JourneyApi implements RouteGroup {
  private final JourneyStore journeys;
  private final JourneyQueries queries;
  private final ObjectMapper mapper;
  private final dev.kairos.journey.ConditionLanguage conditions;

  public JourneyApi(
      JourneyStore journeys,
      JourneyQueries queries,
      ObjectMapper mapper,
      dev.kairos.journey.ConditionLanguage conditions) {
    this.journeys = journeys;
    this.queries = queries;
    this.mapper = mapper;
    this.conditions = conditions;
  }

  /** A 400 answer listing every problem of a document. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record InvalidJourney(
      String error, String message, String field, List<DefinitionProblem> problems) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Saved(String key, int version, String status) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record JourneyItem(
      String key,
      String name,
      String status,
      Integer publishedVersion,
      int latestVersion,
      Instant updatedAt) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record JourneyList(List<JourneyItem> journeys) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record VersionItem(int version, Instant createdAt, Instant publishedAt) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record JourneyView(
      String key,
      String name,
      String status,
      Integer publishedVersion,
      int latestVersion,
      JsonNode definition,
      List<VersionItem> versions,
      JourneyQueries.Stats stats) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ProfileJourneys(UUID profileId, List<JourneyQueries.RunView> runs) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record CouponsAdded(String pool, int added) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.post("/api/journeys", ctx -> save(ctx, Optional.empty(), true));
    routes.post("/api/journeys/import", ctx -> save(ctx, Optional.empty(), false));
    routes.put("/api/journeys/{key}", ctx -> save(ctx, Optional.of(ctx.pathParam("key")), false));
    routes.get("/api/journeys", this::list);
    routes.get("/api/journeys/{key}", this::one);
    routes.get("/api/journeys/{key}/export", this::export);
    routes.post("/api/journeys/{key}/publish", this::publish);
    routes.post("/api/journeys/{key}/pause", ctx -> status(ctx, "paused"));
    routes.post("/api/journeys/{key}/resume", ctx -> status(ctx, "active"));
    routes.get("/api/profiles/{id}/journeys", this::ofProfile);
    routes.post("/api/coupons/{pool}", this::coupons);
  }

  private void save(Context ctx, Optional<String> pathKey, boolean create) {
    noQuery(ctx, Set.of());
    JsonNode document = body(ctx);
    if (pathKey.isPresent() && document.isObject()) {
      JsonNode key = document.get("key");
      if (key != null && !key.asText().equals(pathKey.get())) {
        throw HttpProblem.badRequest(
            "key", "key in the body differs from the path: " + key.asText());
      }
      ((ObjectNode) document).put("key", pathKey.get());
    }
    Reading reading = conditions.check(DefinitionReader.read(document));
    if (reading instanceof Reading.Invalid invalid) {
      DefinitionProblem first = invalid.problems().get(0);
      ctx.status(400)
          .json(
              new InvalidJourney(
                  "invalid_journey",
                  first.field() + ": " + first.message(),
                  first.field(),
                  invalid.problems()));
      return;
    }
    JourneyDefinition definition = ((Reading.Valid) reading).definition();
    boolean exists = journeys.summary(definition.key()).isPresent();
    if (create && exists) {
      throw new HttpProblem(
          409,
          "conflict",
          "journey "
              + definition.key()
              + " exists; PUT"
              + " /api/journeys/"
              + definition.key()
              + " saves a new version",
          "key",
          null);
    }
    if (pathKey.isPresent() && !exists) {
      throw HttpProblem.notFound("no journey " + definition.key());
    }
    int version =
        journeys
            .saveDraft(definition, document, !exists)
            .orElseThrow(
                () ->
                    new HttpProblem(
                        409,
                        "conflict",
                        "journey " + definition.key() + " changed meanwhile; try again",
                        "key",
                        null));
    String status =
        journeys.summary(definition.key()).map(JourneyStore.Summary::status).orElse("draft");
    ctx.status(exists ? 200 : 201).json(new Saved(definition.key(), version, status));
  }

  private void list(Context ctx) {
    noQuery(ctx, Set.of());
    ctx.json(new JourneyList(journeys.list().stream().map(JourneyApi::item).toList()));
  }

  private static JourneyItem item(JourneyStore.Summary s) {
    return new JourneyItem(
        s.key(),
        s.name(),
        s.status(),
        s.publishedVersion().orElse(null),
        s.latestVersion(),
        s.updatedAt());
  }

  private void one(Context ctx) {
    noQuery(ctx, Set.of());
    JourneyStore.Summary s = summary(ctx);
    List<JourneyStore.Version> versions = journeys.versions(s.key());
    ctx.json(
        new JourneyView(
            s.key(),
            s.name(),
            s.status(),
            s.publishedVersion().orElse(null),
            s.latestVersion(),
            versions.get(versions.size() - 1).definition(),
            versions.stream()
                .map(v -> new VersionItem(v.version(), v.createdAt(), v.publishedAt().orElse(null)))
                .toList(),
            queries.stats(s.key())));
  }

  private void export(Context ctx) {
    noQuery(ctx, Set.of("version"));
    JourneyStore.Summary s = summary(ctx);
    List<JourneyStore.Version> versions = journeys.versions(s.key());
    int wanted = ctx.queryParam("version") == null ? s.latestVersion() : number(ctx, "version");
    JsonNode definition =
        versions.stream()
            .filter(v -> v.version() == wanted)
            .findFirst()
            .orElseThrow(
                () -> HttpProblem.notFound("journey " + s.key() + " has no version " + wanted))
            .definition();
    ctx.header("Content-Disposition", "attachment; filename=\"" + s.key() + ".journey.json\"");
    try {
      ctx.contentType("application/json")
          .result(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(definition) + "\n");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void publish(Context ctx) {
    noQuery(ctx, Set.of());
    String key = ctx.pathParam("key");
    int version =
        journeys.publish(key).orElseThrow(() -> HttpProblem.notFound("no journey " + key));
    ctx.json(new Saved(key, version, "active"));
  }

  private void status(Context ctx, String status) {
    noQuery(ctx, Set.of());
    String key = ctx.pathParam("key");
    if (!journeys.setStatus(key, status)) {
      throw HttpProblem.notFound("no published journey " + key);
    }
    JourneyStore.Summary s = summary(ctx);
    ctx.json(new Saved(key, s.publishedVersion().orElse(0), s.status()));
  }

  private void ofProfile(Context ctx) {
    noQuery(ctx, Set.of());
    UUID id;
    try {
      id = UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw HttpProblem.badRequest("id", "id must be a profile id (a UUID)");
    }
    ctx.json(new ProfileJourneys(id, queries.runsOf(id)));
  }

  private void coupons(Context ctx) {
    noQuery(ctx, Set.of());
    JsonNode codes = body(ctx).get("codes");
    if (codes == null || !codes.isArray() || codes.isEmpty()) {
      throw HttpProblem.badRequest("codes", "codes is required: an array of coupon codes");
    }
    List<String> list = new java.util.ArrayList<>();
    for (int i = 0; i < codes.size(); i++) {
      if (!codes.get(i).isTextual() || codes.get(i).asText().isBlank()) {
        throw new HttpProblem(
            400,
            "invalid_request",
            "codes[" + i + "] must be a non-empty string",
            "codes[" + i + "]",
            null);
      }
      list.add(codes.get(i).asText());
    }
    String pool = ctx.pathParam("pool");
    ctx.json(new CouponsAdded(pool, queries.addCoupons(pool, list)));
  }

  private JourneyStore.Summary summary(Context ctx) {
    String key = ctx.pathParam("key");
    return journeys.summary(key).orElseThrow(() -> HttpProblem.notFound("no journey " + key));
  }

  private JsonNode body(Context ctx) {
    try {
      return mapper.readTree(ctx.body());
    } catch (Exception e) {
      throw HttpProblem.badRequest("body", "the body is not JSON: " + e.getMessage());
    }
  }

  static void noQuery(Context ctx, Set<String> allowed) {
    for (String name : ctx.queryParamMap().keySet()) {
      if (!allowed.contains(name)) {
        throw HttpProblem.badRequest(name, "unknown query parameter " + name);
      }
    }
  }

  private static int number(Context ctx, String name) {
    try {
      return Integer.parseInt(ctx.queryParam(name));
    } catch (NumberFormatException e) {
      throw HttpProblem.badRequest(name, name + " must be a whole number");
    }
  }
}
