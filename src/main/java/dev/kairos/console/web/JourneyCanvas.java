package dev.kairos.console.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.kairos.console.Role;
import dev.kairos.journey.DefinitionProblem;
import dev.kairos.journey.store.JourneyQueries;
import dev.kairos.journey.store.JourneyStore;
import dev.kairos.journey.store.StepCounts;
import dev.kairos.platform.http.Json;
import dev.kairos.platform.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The journey canvas: the document drawn as nodes and edges (journey-canvas.js over Drawflow), with
 * the runs waiting at and gone through each step; saved as a new draft version through the checks
 * of the management API, whose problems the page shows on their nodes.
 */
public final class JourneyCanvas implements RouteGroup {
  static final String STARTER =
      "{\"key\": \"\", \"name\": \"\", \"trigger\": {\"event\": \"Signed Up\"},"
          + " \"start\": \"\", \"steps\": {}}";

  private final ConsoleAccess access;
  private final Pages pages;
  private final JourneyStore journeys;
  private final JourneyQueries queries;
  private final StepCounts steps;
  private final JourneyDrafts drafts;

  JourneyCanvas(
      ConsoleAccess access,
      Pages pages,
      JourneyStore journeys,
      JourneyQueries queries,
      StepCounts steps,
      JourneyDrafts drafts) {
    this.access = access;
    this.pages = pages;
    this.journeys = journeys;
    this.queries = queries;
    this.steps = steps;
    this.drafts = drafts;
  }

  /** What the canvas page shows. {@code document} and {@code counts} are JSON for the script. */
  public record View(
      String key,
      String name,
      String status,
      Integer publishedVersion,
      int latestVersion,
      int shownVersion,
      String document,
      String counts,
      List<Version> versions,
      Totals totals,
      boolean editable,
      String notice) {
    public boolean isNew() {
      return key.isEmpty();
    }
  }

  /** A row of the versions table. */
  public record Version(int number, String createdAt, String publishedAt, boolean shown) {}

  /** The journey's figures: runs entered, sends, conversions and their revenue. */
  public record Totals(
      long entered, long sends, long conversions, String revenue, String endings) {}

  /** Per step: people waiting there now, runs that went through it. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record StepFigures(long now, long passed) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Counts(long entered, long conversions, Map<String, StepFigures> steps) {}

  /** The answer to a save: where the saved journey is, or the problems at their fields. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record SaveAnswer(
      String key, Integer version, String url, List<DefinitionProblem> problems) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/journeys/new", access.page(this::create));
    routes.post("/journeys/canvas", access.action(Role::editsMarketing, this::save));
    routes.get("/journeys/{key}", access.page(this::edit));
  }

  private void create(Context ctx, Viewer viewer) {
    View view =
        new View(
            "",
            "",
            "new",
            null,
            0,
            0,
            STARTER,
            "{\"entered\": 0, \"conversions\": 0, \"steps\": {}}",
            List.of(),
            null,
            viewer.user().role().editsMarketing(),
            null);
    pages.render(
        ctx, "journey.jte", "chrome", new Chrome("New journey", "journeys", viewer), "view", view);
  }

  private void edit(Context ctx, Viewer viewer) throws JsonProcessingException {
    String key = ctx.pathParam("key");
    Optional<JourneyStore.Summary> summary = journeys.summary(key);
    if (summary.isEmpty()) {
      JourneyPages.notFound(ctx, viewer, pages);
      return;
    }
    List<JourneyStore.Version> versions = journeys.versions(key);
    int wanted = number(ctx.queryParam("version")).orElse(summary.get().latestVersion());
    JourneyStore.Version shown =
        versions.stream()
            .filter(v -> v.version() == wanted)
            .findFirst()
            .orElse(versions.get(versions.size() - 1));
    JourneyQueries.Stats stats = queries.stats(key);
    Map<String, Long> passed = steps.passedThrough(key);
    Map<String, StepFigures> figures = new TreeMap<>();
    shown
        .definition()
        .path("steps")
        .fieldNames()
        .forEachRemaining(
            step ->
                figures.put(
                    step,
                    new StepFigures(
                        stats.peopleAtStep().getOrDefault(step, 0L),
                        passed.getOrDefault(step, 0L))));
    View view =
        new View(
            key,
            summary.get().name(),
            summary.get().status(),
            summary.get().publishedVersion().orElse(null),
            summary.get().latestVersion(),
            shown.version(),
            Json.MAPPER.writeValueAsString(shown.definition()),
            Json.MAPPER.writeValueAsString(
                new Counts(stats.entered(), stats.conversions(), figures)),
            versions.stream()
                .sorted((a, b) -> Integer.compare(b.version(), a.version()))
                .map(
                    v ->
                        new Version(
                            v.version(),
                            v.createdAt().toString(),
                            v.publishedAt().map(Object::toString).orElse(""),
                            v.version() == shown.version()))
                .toList(),
            new Totals(
                stats.entered(),
                stats.sends(),
                stats.conversions(),
                Optional.ofNullable(stats.revenue()).orElse(BigDecimal.ZERO).toPlainString(),
                endings(stats.endings())),
            viewer.user().role().editsMarketing(),
            JourneyPages.notice(ctx.queryParam("done")));
    pages.render(
        ctx,
        "journey.jte",
        "chrome",
        new Chrome(summary.get().name(), "journeys", viewer),
        "view",
        view);
  }

  /** {@code {"editing": KEY or null, "document": {...}}} from the canvas; answers JSON. */
  private void save(Context ctx, Viewer viewer) {
    Pages.headers(ctx);
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(ctx.body());
    } catch (JsonProcessingException e) {
      body = null;
    }
    if (body == null || !body.path("document").isObject()) {
      ctx.status(400)
          .json(
              new SaveAnswer(
                  null,
                  null,
                  null,
                  List.of(new DefinitionProblem("", "the canvas sent no journey document"))));
      return;
    }
    Optional<String> editing =
        Optional.ofNullable(body.get("editing"))
            .filter(JsonNode::isTextual)
            .map(JsonNode::asText)
            .filter(s -> !s.isBlank());
    JourneyDrafts.Outcome outcome = drafts.save(body.get("document"), editing, false);
    if (outcome instanceof JourneyDrafts.Outcome.Saved saved) {
      ctx.json(
          new SaveAnswer(
              saved.key(), saved.version(), "/journeys/" + saved.key() + "?done=saved", List.of()));
    } else {
      ctx.status(400)
          .json(
              new SaveAnswer(
                  null, null, null, ((JourneyDrafts.Outcome.Invalid) outcome).problems()));
    }
  }

  private static String endings(Map<String, Long> endings) {
    StringBuilder text = new StringBuilder();
    endings.forEach(
        (status, n) ->
            text.append(text.isEmpty() ? "" : ", ").append(n).append(' ').append(status));
    return text.isEmpty() ? "none yet" : text.toString();
  }

  private static Optional<Integer> number(String value) {
    try {
      return value == null ? Optional.empty() : Optional.of(Integer.parseInt(value));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
