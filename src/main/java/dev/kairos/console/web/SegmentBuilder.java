package dev.kairos.console.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.console.Role;
import dev.kairos.platform.http.Json;
import dev.kairos.platform.http.RouteGroup;
import dev.kairos.segment.DefinitionOutcome;
import dev.kairos.segment.DefinitionProblem;
import dev.kairos.segment.Segment;
import dev.kairos.segment.SegmentServices;
import dev.kairos.segment.Segments;
import dev.kairos.segment.condition.ParseResult;
import dev.kairos.segment.condition.Problem;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The segment builder: a JSON editor of the condition with a live count and sample (htmx posts it
 * to the preview as the marketer types), problems shown at their JSON paths, and saving through the
 * same {@link Segments} service as the management API. Everyone may view and preview; only roles
 * that edit marketing may save.
 */
public final class SegmentBuilder implements RouteGroup {
  static final int SAMPLE = 10;
  static final String STARTER = "{\n  \"trait\": \"email\",\n  \"op\": \"exists\"\n}";

  private final ConsoleAccess access;
  private final Pages pages;
  private final SegmentServices segments;
  private final Clock clock;

  public SegmentBuilder(ConsoleAccess access, Pages pages, SegmentServices segments, Clock clock) {
    this.access = access;
    this.pages = pages;
    this.segments = segments;
    this.clock = clock;
  }

  /** What the builder shows: the form's values, whether it edits, and the problems of a save. */
  public record Form(
      String key,
      String name,
      String condition,
      boolean editing,
      List<DefinitionProblem> problems) {
    public String action() {
      return editing ? "/segments/" + key + "/edit" : "/segments/new";
    }
  }

  /** The live preview: a count and sample, or the problems at their paths. */
  public record Preview(long count, List<UUID> sample, List<DefinitionProblem> problems) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.get(
        "/segments/new",
        access.page((ctx, v) -> form(ctx, v, new Form("", "", STARTER, false, List.of()))));
    routes.get("/segments/{key}/edit", access.page(this::edit));
    routes.post("/segments/preview", access.action(role -> true, this::preview));
    routes.post("/segments/new", access.action(Role::editsMarketing, this::create));
    routes.post("/segments/{key}/edit", access.action(Role::editsMarketing, this::update));
  }

  private void edit(Context ctx, Viewer viewer) throws IOException {
    Segment segment = segments.store().find(ctx.pathParam("key")).orElse(null);
    if (segment == null) {
      SegmentPages.notFound(ctx, viewer, pages);
      return;
    }
    form(
        ctx,
        viewer,
        new Form(
            segment.key(),
            segment.name(),
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(segment.condition()),
            true,
            List.of()));
  }

  private void preview(Context ctx, Viewer viewer) {
    pages.render(ctx, "segment-preview.jte", "preview", preview(ctx.formParam("condition")));
  }

  /** Parses the condition text and, when it holds together, counts and samples who meets it. */
  Preview preview(String text) {
    JsonNode condition;
    try {
      condition = Json.MAPPER.readTree(text == null ? "" : text);
    } catch (JsonProcessingException e) {
      return problems(
          new DefinitionProblem(
              "$.condition",
              "not JSON at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ": "
                  + e.getOriginalMessage()));
    }
    if (condition == null || condition.isMissingNode() || condition.isNull()) {
      return problems(new DefinitionProblem("$.condition", "condition is required"));
    }
    ParseResult parsed = segments.catalog().reload().parser().parse(condition);
    if (parsed instanceof ParseResult.Invalid bad) {
      return new Preview(
          0,
          List.of(),
          bad.problems().stream()
              .map((Problem p) -> new DefinitionProblem(Segments.bodyPath(p.path()), p.message()))
              .toList());
    }
    ParseResult.Valid valid = (ParseResult.Valid) parsed;
    Instant now = clock.instant();
    return new Preview(
        segments.audience().count(valid.condition(), now),
        segments.audience().sample(valid.condition(), now, SAMPLE),
        List.of());
  }

  private static Preview problems(DefinitionProblem problem) {
    return new Preview(0, List.of(), List.of(problem));
  }

  private void create(Context ctx, Viewer viewer) {
    String key = blankToNull(ctx.formParam("key"));
    Form form = form(ctx, key, false);
    JsonNode condition = condition(form);
    DefinitionOutcome outcome =
        condition == null ? null : segments.segments().create(key, form.name(), condition, false);
    saved(ctx, viewer, form, outcome);
  }

  private void update(Context ctx, Viewer viewer) {
    String key = ctx.pathParam("key");
    Form form = form(ctx, key, true);
    JsonNode condition = condition(form);
    DefinitionOutcome outcome =
        condition == null ? null : segments.segments().update(key, form.name(), condition);
    saved(ctx, viewer, form, outcome);
  }

  private void saved(Context ctx, Viewer viewer, Form form, DefinitionOutcome outcome) {
    List<DefinitionProblem> problems;
    if (outcome instanceof DefinitionOutcome.Saved saved) {
      ctx.redirect("/segments/" + saved.segment().key() + "?done=saved", HttpStatus.SEE_OTHER);
      return;
    } else if (outcome == null) {
      problems = List.of(new DefinitionProblem("$.condition", "the condition is not JSON"));
    } else if (outcome instanceof DefinitionOutcome.Invalid invalid) {
      problems = invalid.problems();
    } else if (outcome instanceof DefinitionOutcome.KeyTaken taken) {
      problems =
          List.of(new DefinitionProblem("$.key", "a segment with key " + taken.key() + " exists"));
    } else {
      SegmentPages.notFound(ctx, viewer, pages);
      return;
    }
    form(
        ctx, viewer, new Form(form.key(), form.name(), form.condition(), form.editing(), problems));
    ctx.status(400);
  }

  private void form(Context ctx, Viewer viewer, Form form) {
    pages.render(
        ctx,
        "segment-builder.jte",
        "chrome",
        new Chrome(form.editing() ? "Edit " + form.name() : "New segment", "segments", viewer),
        "form",
        form,
        "preview",
        preview(form.condition()));
  }

  private static Form form(Context ctx, String key, boolean editing) {
    return new Form(
        key == null ? "" : key,
        ctx.formParam("name"),
        ctx.formParam("condition") == null ? "" : ctx.formParam("condition"),
        editing,
        List.of());
  }

  private static JsonNode condition(Form form) {
    try {
      JsonNode node = Json.MAPPER.readTree(form.condition());
      return node == null || node.isMissingNode() ? null : node;
    } catch (IOException e) {
      return null;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
