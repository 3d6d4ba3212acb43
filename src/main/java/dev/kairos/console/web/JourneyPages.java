package dev.kairos.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.console.Role;
import dev.kairos.journey.DefinitionProblem;
import dev.kairos.journey.store.JourneyStore;
import dev.kairos.platform.http.Json;
import dev.kairos.platform.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Journeys: the list with status and versions, the built-in journeys as a gallery (open one, or
 * copy it as a starting point), import and export of the journey file, and publish, pause and
 * resume, through the same store as the management API.
 */
public final class JourneyPages implements RouteGroup {
  private final ConsoleAccess access;
  private final Pages pages;
  private final JourneyStore journeys;
  private final JourneyDrafts drafts;
  private final JourneyGallery gallery = new JourneyGallery();

  JourneyPages(ConsoleAccess access, Pages pages, JourneyStore journeys, JourneyDrafts drafts) {
    this.access = access;
    this.pages = pages;
    this.journeys = journeys;
    this.drafts = drafts;
  }

  /** A row of the list. */
  public record Row(
      String key,
      String name,
      String status,
      Integer publishedVersion,
      int latestVersion,
      String updatedAt) {}

  /** A card of the gallery; {@code installed} when a journey with its key exists. */
  public record Card(String key, String name, String trigger, int steps, boolean installed) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/journeys", access.page((ctx, v) -> list(ctx, v, List.of())));
    routes.post("/journeys/import", access.action(Role::editsMarketing, this::importFile));
    routes.post("/journeys/gallery/{key}/copy", access.action(Role::editsMarketing, this::copy));
    routes.get("/journeys/{key}/export", access.page(this::export));
    routes.post("/journeys/{key}/publish", access.action(Role::editsMarketing, this::publish));
    routes.post(
        "/journeys/{key}/pause",
        access.action(Role::editsMarketing, (c, v) -> status(c, v, "paused")));
    routes.post(
        "/journeys/{key}/resume",
        access.action(Role::editsMarketing, (c, v) -> status(c, v, "active")));
  }

  private void list(Context ctx, Viewer viewer, List<DefinitionProblem> importProblems) {
    List<JourneyStore.Summary> all = journeys.list();
    List<Row> rows =
        all.stream()
            .map(
                s ->
                    new Row(
                        s.key(),
                        s.name(),
                        s.status(),
                        s.publishedVersion().orElse(null),
                        s.latestVersion(),
                        s.updatedAt().toString()))
            .toList();
    List<Card> cards =
        gallery.entries().stream()
            .map(
                e ->
                    new Card(
                        e.key(),
                        e.name(),
                        e.trigger(),
                        e.steps(),
                        all.stream().anyMatch(s -> s.key().equals(e.key()))))
            .toList();
    pages.render(
        ctx,
        "journeys.jte",
        "chrome",
        new Chrome("Journeys", "journeys", viewer),
        "rows",
        rows,
        "cards",
        cards,
        "problems",
        importProblems,
        "notice",
        notice(ctx.queryParam("done")));
  }

  /** A journey file (uploaded, or pasted) saved as a new draft version, as the API's import. */
  private void importFile(Context ctx, Viewer viewer) throws IOException {
    String text = ctx.formParam("document");
    UploadedFile file = ctx.uploadedFile("file");
    if (file != null && file.size() > 0) {
      try (InputStream in = file.content()) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    JsonNode document;
    try {
      document = text == null || text.isBlank() ? null : Json.MAPPER.readTree(text);
    } catch (IOException e) {
      document = null;
    }
    if (document == null || !document.isObject()) {
      list(ctx, viewer, List.of(new DefinitionProblem("file", "the file is not a journey (JSON)")));
      ctx.status(400);
      return;
    }
    saved(ctx, viewer, drafts.save(document, Optional.empty(), true));
  }

  /** A built-in journey copied under a free key, as a draft to start from. */
  private void copy(Context ctx, Viewer viewer) {
    Optional<JourneyGallery.Entry> entry = gallery.find(ctx.pathParam("key"));
    if (entry.isEmpty()) {
      notFound(ctx, viewer, pages);
      return;
    }
    ObjectNode document = entry.get().document().deepCopy();
    String key = entry.get().key() + "-copy";
    for (int n = 2; journeys.summary(key).isPresent(); n++) {
      key = entry.get().key() + "-copy-" + n;
    }
    document.put("key", key);
    document.put("name", entry.get().name() + " (copy)");
    saved(ctx, viewer, drafts.save(document, Optional.empty(), false));
  }

  private void saved(Context ctx, Viewer viewer, JourneyDrafts.Outcome outcome) {
    if (outcome instanceof JourneyDrafts.Outcome.Saved saved) {
      ctx.redirect("/journeys/" + saved.key() + "?done=saved", HttpStatus.SEE_OTHER);
      return;
    }
    list(ctx, viewer, ((JourneyDrafts.Outcome.Invalid) outcome).problems());
    ctx.status(400);
  }

  private void export(Context ctx, Viewer viewer) throws IOException {
    String key = ctx.pathParam("key");
    List<JourneyStore.Version> versions = journeys.versions(key);
    String wanted = ctx.queryParam("version");
    Optional<JourneyStore.Version> version =
        versions.stream()
            .filter(v -> wanted == null || String.valueOf(v.version()).equals(wanted))
            .reduce((first, second) -> second);
    if (version.isEmpty()) {
      notFound(ctx, viewer, pages);
      return;
    }
    Pages.headers(ctx);
    ctx.header("Content-Disposition", "attachment; filename=\"" + key + ".journey.json\"");
    ctx.contentType("application/json")
        .result(
            Json.MAPPER
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsString(version.get().definition())
                + "\n");
  }

  private void publish(Context ctx, Viewer viewer) {
    String key = ctx.pathParam("key");
    if (journeys.publish(key).isEmpty()) {
      notFound(ctx, viewer, pages);
      return;
    }
    ctx.redirect("/journeys/" + key + "?done=published", HttpStatus.SEE_OTHER);
  }

  private void status(Context ctx, Viewer viewer, String status) {
    String key = ctx.pathParam("key");
    if (!journeys.setStatus(key, status)) {
      notFound(ctx, viewer, pages);
      return;
    }
    ctx.redirect(
        "/journeys/" + key + "?done=" + (status.equals("paused") ? "paused" : "resumed"),
        HttpStatus.SEE_OTHER);
  }

  /** The message for an action just done; fixed texts, never the request's own. */
  static String notice(String done) {
    if (done == null) {
      return null;
    }
    return switch (done) {
      case "saved" -> "Saved as a new draft version. Publish it to let new runs enter it.";
      case "published" -> "Published: new runs enter the newest version.";
      case "paused" -> "Paused: no new entries, due steps held until resumed.";
      case "resumed" -> "Resumed: steps that came due meanwhile run now.";
      default -> null;
    };
  }

  static void notFound(Context ctx, Viewer viewer, Pages pages) {
    pages.render(
        ctx,
        "notfound.jte",
        "chrome",
        new Chrome("Not found", "journeys", viewer),
        "message",
        "No such journey (or no published version of it).");
    ctx.status(404);
  }
}
