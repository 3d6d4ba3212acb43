package dev.kairos.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.console.CustomerQuery;
import dev.kairos.console.Role;
import dev.kairos.identity.Identifier;
import dev.kairos.identity.IdentifierNormaliser;
import dev.kairos.intelligence.ServingRecommendations;
import dev.kairos.intelligence.recommend.Strategy;
import dev.kairos.platform.http.RouteGroup;
import dev.kairos.profile.store.ProfileMaintenance;
import dev.kairos.profile.store.ProfileQueries;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Customers: search by any identifier or trait, and the 360° page of one person, with its paged
 * timeline, export, delete (admin) and undoing a merge (admin). Reads and changes go through the
 * same profile queries and maintenance as the management API.
 */
public final class CustomerPages implements RouteGroup {
  static final int PAGE = 25;

  private final ConsoleAccess access;
  private final Pages pages;
  private final ProfileQueries queries;
  private final ProfileMaintenance maintenance;
  private final IdentifierNormaliser normaliser;
  private final ServingRecommendations recommendations;

  public CustomerPages(
      ConsoleAccess access,
      Pages pages,
      ProfileQueries queries,
      ProfileMaintenance maintenance,
      IdentifierNormaliser normaliser,
      ServingRecommendations recommendations) {
    this.access = access;
    this.pages = pages;
    this.queries = queries;
    this.maintenance = maintenance;
    this.normaliser = normaliser;
    this.recommendations = recommendations;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/customers", access.page(this::search));
    routes.get("/customers/{id}", access.page(this::customer));
    routes.get("/customers/{id}/events", access.page(this::events));
    routes.get("/customers/{id}/export", access.page(this::export));
    routes.get("/customers/{id}/delete", access.page(Role::editsCustomers, this::confirmDelete));
    routes.post("/customers/{id}/delete", access.action(Role::editsCustomers, this::delete));
    routes.post(
        "/customers/{id}/merges/{mergeId}/undo",
        access.action(Role::editsCustomers, this::unmerge));
  }

  private void search(Context ctx, Viewer viewer) {
    String q = Optional.ofNullable(ctx.queryParam("q")).orElse("").strip();
    List<CustomerView.Row> rows =
        find(CustomerQuery.parse(q)).stream().map(CustomerView::row).toList();
    pages.render(
        ctx,
        "customers.jte",
        "chrome",
        new Chrome("Customers", "customers", viewer),
        "q",
        q,
        "rows",
        rows,
        "notice",
        notice(ctx.queryParam("done")));
  }

  private List<ObjectNode> find(CustomerQuery query) {
    if (query instanceof CustomerQuery.ByTraits byTraits) {
      return queries.search(byTraits.traits(), 50, 0);
    }
    if (query instanceof CustomerQuery.ByIdentifier byIdentifier) {
      for (CustomerQuery.Candidate candidate : byIdentifier.candidates()) {
        Optional<Identifier> normalised = normaliser.normalise(candidate.kind(), candidate.value());
        Optional<ObjectNode> found =
            normalised.flatMap(queries::byIdentifier).flatMap(queries::profile);
        if (found.isPresent()) {
          return List.of(found.get());
        }
      }
      return List.of();
    }
    return queries.search(Map.of(), 50, 0);
  }

  private void customer(Context ctx, Viewer viewer) {
    Optional<UUID> id = id(ctx);
    Optional<ObjectNode> profile = id.flatMap(queries::profile);
    if (profile.isEmpty()) {
      notFound(ctx, viewer);
      return;
    }
    String surviving = profile.get().path("id").asText();
    if (!surviving.equals(id.get().toString())) {
      ctx.redirect("/customers/" + surviving, HttpStatus.SEE_OTHER); // merged into another
      return;
    }
    JsonNode identity = queries.identity(id.get()).orElseThrow();
    List<ServingRecommendations.Recommended> recommended =
        recommendations
            .forProfile(id.get(), Strategy.NEXT_BEST_OFFER, 6)
            .map(ServingRecommendations.ForProfile::recommendations)
            .orElse(List.of());
    pages.render(
        ctx,
        "customer.jte",
        "chrome",
        new Chrome(CustomerView.name(profile.get()), "customers", viewer),
        "customer",
        CustomerView.of(profile.get()),
        "identifiers",
        CustomerParts.identifiers(identity),
        "merges",
        CustomerParts.merges(identity),
        "orders",
        CustomerParts.orders(queries.orders(id.get(), 20, 0).orElseThrow()),
        "timeline",
        CustomerParts.timeline(queries.timeline(id.get(), PAGE, null).orElseThrow(), PAGE),
        "recommendations",
        CustomerParts.recommendations(recommended),
        "notice",
        notice(ctx.queryParam("done")));
  }

  /** An older page of the timeline, as table rows (htmx appends them). */
  private void events(Context ctx, Viewer viewer) {
    Optional<UUID> id = id(ctx);
    Long before = null;
    try {
      before = ctx.queryParam("before") == null ? null : Long.parseLong(ctx.queryParam("before"));
    } catch (NumberFormatException e) {
      ctx.status(400).result("before must be the seq of an event");
      return;
    }
    Long from = before;
    Optional<CustomerParts.Timeline> timeline =
        id.flatMap(i -> queries.timeline(i, PAGE, from)).map(e -> CustomerParts.timeline(e, PAGE));
    if (timeline.isEmpty()) {
      notFound(ctx, viewer);
      return;
    }
    pages.render(ctx, "timeline.jte", "id", id.get().toString(), "timeline", timeline.get());
  }

  private void export(Context ctx, Viewer viewer) {
    Optional<UUID> id = id(ctx);
    Optional<ObjectNode> export = id.flatMap(queries::export);
    if (export.isEmpty()) {
      notFound(ctx, viewer);
      return;
    }
    ctx.header("Content-Disposition", "attachment; filename=\"profile-" + id.get() + ".json\"");
    ctx.header("Cache-Control", "no-store");
    ctx.json(export.get());
  }

  private void confirmDelete(Context ctx, Viewer viewer) {
    Optional<ObjectNode> profile = id(ctx).flatMap(queries::profile);
    if (profile.isEmpty()) {
      notFound(ctx, viewer);
      return;
    }
    pages.render(
        ctx,
        "customer-delete.jte",
        "chrome",
        new Chrome("Delete customer", "customers", viewer),
        "customer",
        CustomerView.of(profile.get()));
  }

  private void delete(Context ctx, Viewer viewer) {
    Optional<UUID> id = id(ctx);
    if (!"delete".equals(ctx.formParam("confirm"))) {
      ctx.redirect("/customers/" + ctx.pathParam("id") + "/delete", HttpStatus.SEE_OTHER);
      return;
    }
    if (id.flatMap(maintenance::delete).isEmpty()) {
      notFound(ctx, viewer);
      return;
    }
    ctx.redirect("/customers?done=deleted", HttpStatus.SEE_OTHER);
  }

  private void unmerge(Context ctx, Viewer viewer) {
    long mergeId;
    try {
      mergeId = Long.parseLong(ctx.pathParam("mergeId"));
    } catch (NumberFormatException e) {
      notFound(ctx, viewer);
      return;
    }
    ProfileMaintenance.UnmergeOutcome outcome = maintenance.unmerge(mergeId);
    String done =
        outcome instanceof ProfileMaintenance.UnmergeOutcome.Unmerged ? "unmerged" : "not-unmerged";
    ctx.redirect("/customers/" + ctx.pathParam("id") + "?done=" + done, HttpStatus.SEE_OTHER);
  }

  /** The message for an action just done; fixed texts, never the request's own. */
  private static String notice(String done) {
    if (done == null) {
      return null;
    }
    return switch (done) {
      case "deleted" -> "The customer was deleted and their identifiers suppressed.";
      case "unmerged" -> "The merge was undone: the merged profile has its identifiers back.";
      case "not-unmerged" ->
          "That merge could not be undone (already undone, or no longer possible).";
      default -> null;
    };
  }

  private void notFound(Context ctx, Viewer viewer) {
    notFound(ctx, viewer, pages);
  }

  /** The page for a customer id that names no profile (a whole page, also for fragments). */
  static void notFound(Context ctx, Viewer viewer, Pages pages) {
    pages.render(
        ctx,
        "notfound.jte",
        "chrome",
        new Chrome("Not found", "customers", viewer),
        "message",
        "No such customer: no profile has this id (it may have been deleted).");
    ctx.status(404);
  }

  /** The surviving profile the path's id names (following merges), when there is one. */
  static Optional<UUID> existing(Context ctx, ProfileQueries queries) {
    return id(ctx).flatMap(queries::profile).map(p -> UUID.fromString(p.path("id").asText()));
  }

  private static Optional<UUID> id(Context ctx) {
    try {
      return Optional.of(UUID.fromString(ctx.pathParam("id")));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
