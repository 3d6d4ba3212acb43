package dev.kairos.segment.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kairos.platform.http.HttpProblem;
import dev.kairos.platform.http.RouteGroup;
import dev.kairos.segment.Audience;
import dev.kairos.segment.DefinitionOutcome;
import dev.kairos.segment.DefinitionProblem;
import dev.kairos.segment.Segment;
import dev.kairos.segment.SegmentCatalog;
import dev.kairos.segment.Segments;
import dev.kairos.segment.condition.ParseResult;
import dev.kairos.segment.condition.Problem;
import dev.kairos.segment.store.RecomputeStore;
import dev.kairos.segment.store.SegmentStore;
import dev.kairos.segment.web.SegmentResponses.InvalidDefinition;
import dev.kairos.segment.web.SegmentResponses.Preview;
import dev.kairos.segment.web.SegmentResponses.ProblemBody;
import dev.kairos.segment.web.SegmentResponses.RecomputeBody;
import dev.kairos.segment.web.SegmentResponses.SampleProfile;
import dev.kairos.segment.web.SegmentResponses.SegmentBody;
import dev.kairos.segment.web.SegmentResponses.SegmentList;
import dev.kairos.segment.web.SegmentResponses.VersionBody;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The segment definition routes: create, list, read, edit, delete, preview. */
public final class SegmentApi implements RouteGroup {
  private static final int SAMPLE = 20;
  private static final Set<String> CREATE_FIELDS = Set.of("key", "name", "condition");

  private final Segments segments;
  private final SegmentStore store;
  private final SegmentCatalog catalog;
  private final RecomputeStore recomputes;
  private final Audience audience;
  private final ObjectMapper mapper;
  private final Clock clock;

  public SegmentApi(
      Segments segments,
      SegmentStore store,
      SegmentCatalog catalog,
      RecomputeStore recomputes,
      Audience audience,
      ObjectMapper mapper,
      Clock clock) {
    this.segments = segments;
    this.store = store;
    this.catalog = catalog;
    this.recomputes = recomputes;
    this.audience = audience;
    this.mapper = mapper;
    this.clock = clock;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.exception(InvalidSegment.class, (e, ctx) -> ctx.status(400).json(e.body()));
    routes.post("/api/segments", this::create);
    routes.get("/api/segments", this::list);
    routes.post("/api/segments/preview", this::preview);
    routes.get("/api/segments/{key}", this::read);
    routes.put("/api/segments/{key}", this::update);
    routes.delete("/api/segments/{key}", this::delete);
    routes.post("/api/segments/{key}/recompute", this::recompute);
  }

  /** Queues a recompute of the members (e.g. after the nightly RFM scores moved); 202. */
  private void recompute(Context ctx) {
    QueryParameters.only(ctx, Set.of());
    Segment segment = found(ctx.pathParam("key"));
    segments.recompute(segment);
    ctx.status(202).json(body(segment));
  }

  private void create(Context ctx) {
    QueryParameters.only(ctx, Set.of());
    JsonNode body = body(ctx);
    JsonNode key = body.path("key");
    if (!key.isMissingNode() && !key.isNull() && !key.isTextual()) {
      throw invalid(List.of(new DefinitionProblem("$.key", "key must be a string")));
    }
    DefinitionOutcome outcome =
        segments.create(
            key.isTextual() ? key.asText() : null, name(body), body.get("condition"), false);
    if (outcome instanceof DefinitionOutcome.KeyTaken taken) {
      throw new HttpProblem(
          409, "conflict", "a segment with key " + taken.key() + " exists", "key", null);
    }
    ctx.status(201).json(body(saved(outcome)));
  }

  private void update(Context ctx) {
    QueryParameters.only(ctx, Set.of());
    String key = ctx.pathParam("key");
    JsonNode body = body(ctx);
    if (body.has("key") && !key.equals(body.path("key").asText())) {
      throw invalid(
          List.of(new DefinitionProblem("$.key", "key cannot change; it is " + key + " here")));
    }
    DefinitionOutcome outcome = segments.update(key, name(body), body.get("condition"));
    if (outcome instanceof DefinitionOutcome.NotFound) {
      throw HttpProblem.notFound("no segment " + key);
    }
    ctx.json(body(saved(outcome)));
  }

  private void list(Context ctx) {
    QueryParameters.only(ctx, Set.of());
    Map<String, Long> counts = store.memberCounts();
    List<SegmentBody> all = new ArrayList<>();
    for (Segment segment : store.all()) {
      all.add(summary(segment, counts.getOrDefault(segment.key(), 0L)));
    }
    ctx.json(new SegmentList(all));
  }

  private void read(Context ctx) {
    QueryParameters.only(ctx, Set.of());
    Segment segment = found(ctx.pathParam("key"));
    ctx.json(body(segment));
  }

  private void delete(Context ctx) {
    QueryParameters.only(ctx, Set.of());
    String key = ctx.pathParam("key");
    Segments.Deletion deletion = segments.delete(key);
    if (deletion instanceof Segments.Deletion.NotFound) {
      throw HttpProblem.notFound("no segment " + key);
    }
    if (deletion instanceof Segments.Deletion.Referenced referenced) {
      throw new HttpProblem(
          409,
          "conflict",
          "segment " + key + " is named in the conditions of " + referenced.by(),
          "key",
          null);
    }
    ctx.json(new SegmentResponses.Deleted(key));
  }

  private void preview(Context ctx) {
    QueryParameters.only(ctx, Set.of());
    JsonNode body = body(ctx);
    unknownFields(body, Set.of("condition"));
    JsonNode condition = body.get("condition");
    if (condition == null || condition.isNull()) {
      throw invalid(List.of(new DefinitionProblem("$.condition", "condition is required")));
    }
    ParseResult parsed = catalog.reload().parser().parse(condition);
    if (parsed instanceof ParseResult.Invalid bad) {
      List<DefinitionProblem> problems = new ArrayList<>();
      for (Problem p : bad.problems()) {
        problems.add(new DefinitionProblem(Segments.bodyPath(p.path()), p.message()));
      }
      throw invalid(problems);
    }
    ParseResult.Valid valid = (ParseResult.Valid) parsed;
    java.time.Instant now = clock.instant();
    ctx.json(
        new Preview(
            audience.count(valid.condition(), now),
            audience.sample(valid.condition(), now, SAMPLE).stream()
                .map(SampleProfile::new)
                .toList()));
  }

  private Segment saved(DefinitionOutcome outcome) {
    if (outcome instanceof DefinitionOutcome.Invalid invalid) {
      throw invalid(invalid.problems());
    }
    if (outcome instanceof DefinitionOutcome.Saved saved) {
      return saved.segment();
    }
    throw new IllegalStateException("unexpected outcome " + outcome);
  }

  private SegmentBody summary(Segment s, long members) {
    return new SegmentBody(
        s.key(),
        s.name(),
        s.condition(),
        s.version(),
        s.builtIn(),
        s.createdAt(),
        s.updatedAt(),
        members,
        null,
        null);
  }

  private SegmentBody body(Segment s) {
    RecomputeBody recompute =
        recomputes
            .latest(s.key())
            .map(
                r ->
                    new RecomputeBody(
                        r.status(),
                        r.version(),
                        r.profiles(),
                        r.profilesDone(),
                        r.entered(),
                        r.exited(),
                        r.queuedAt(),
                        r.startedAt(),
                        r.finishedAt(),
                        r.error()))
            .orElse(null);
    List<VersionBody> versions = new ArrayList<>();
    for (SegmentStore.Version v : store.versions(s.key())) {
      versions.add(new VersionBody(v.version(), v.name(), tree(v.condition()), v.savedAt()));
    }
    return new SegmentBody(
        s.key(),
        s.name(),
        s.condition(),
        s.version(),
        s.builtIn(),
        s.createdAt(),
        s.updatedAt(),
        store.memberCount(s.key()),
        recompute,
        versions);
  }

  private Segment found(String key) {
    return store.find(key).orElseThrow(() -> HttpProblem.notFound("no segment " + key));
  }

  /** The request body as a JSON object, its unknown fields refused. */
  private JsonNode body(Context ctx) {
    JsonNode body;
    try {
      body = mapper.readTree(ctx.body());
    } catch (IOException e) {
      throw invalid(List.of(new DefinitionProblem("$", "the body is not JSON")));
    }
    if (body == null || !body.isObject()) {
      throw invalid(List.of(new DefinitionProblem("$", "the body must be a JSON object")));
    }
    if (!ctx.path().endsWith("/preview")) {
      unknownFields(body, CREATE_FIELDS);
    }
    return body;
  }

  private static void unknownFields(JsonNode body, Set<String> known) {
    List<DefinitionProblem> problems = new ArrayList<>();
    Iterator<String> names = body.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        problems.add(new DefinitionProblem("$." + name, "unknown field; known: " + known));
      }
    }
    if (!problems.isEmpty()) {
      throw invalid(problems);
    }
  }

  private static String name(JsonNode body) {
    JsonNode name = body.path("name");
    if (!name.isMissingNode() && !name.isNull() && !name.isTextual()) {
      throw invalid(List.of(new DefinitionProblem("$.name", "name must be a string")));
    }
    return name.isTextual() ? name.asText() : null;
  }

  private JsonNode tree(String json) {
    try {
      return mapper.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The 400 answer listing every problem at its path. */
  static InvalidSegment invalid(List<DefinitionProblem> problems) {
    List<ProblemBody> bodies =
        problems.stream().map(p -> new ProblemBody(p.path(), p.message())).toList();
    return new InvalidSegment(
        new InvalidDefinition(
            "invalid_segment",
            problems.size() == 1
                ? problems.get(0).path() + ": " + problems.get(0).message()
                : problems.size() + " problems in the segment definition",
            bodies));
  }
}
