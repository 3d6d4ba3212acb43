package dev.kairos.profile.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.identity.Identifier;
import dev.kairos.identity.IdentifierNormaliser;
import dev.kairos.platform.http.HttpProblem;
import dev.kairos.platform.http.RouteGroup;
import dev.kairos.profile.store.EventFailures;
import dev.kairos.profile.store.ProfileMaintenance;
import dev.kairos.profile.store.ProfileQueries;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** The profile routes of the management API. */
public final class ProfileApi implements RouteGroup {
  private static final int MAX_LIMIT = 1000;
  static final String HAS_MORE = "Kairos-Has-More";

  private final ProfileQueries queries;
  private final ProfileMaintenance maintenance;
  private final IdentifierNormaliser normaliser;
  private final EventFailures failures;
  private final Set<String> identifierKinds;

  public ProfileApi(
      ProfileQueries queries,
      ProfileMaintenance maintenance,
      IdentifierNormaliser normaliser,
      EventFailures failures,
      Set<String> identifierKinds) {
    this.identifierKinds = Collections.unmodifiableSortedSet(new TreeSet<>(identifierKinds));
    this.queries = queries;
    this.maintenance = maintenance;
    this.normaliser = normaliser;
    this.failures = failures;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/profiles", this::find);
    routes.get("/api/profiles/{id}", ctx -> ctx.json(found(queries.profile(id(ctx)))));
    routes.get(
        "/api/profiles/{id}/events",
        ctx -> {
          int limit = limit(ctx, 50);
          ctx.json(page(ctx, found(queries.timeline(id(ctx), limit + 1, before(ctx))), limit));
        });
    routes.get("/api/profiles/{id}/identity", ctx -> ctx.json(found(queries.identity(id(ctx)))));
    routes.get(
        "/api/profiles/{id}/orders",
        ctx -> {
          int limit = limit(ctx, 50);
          int offset = intParam(ctx, "offset", 0);
          ctx.json(page(ctx, found(queries.orders(id(ctx), limit + 1, offset)), limit));
        });
    routes.get("/api/profiles/{id}/export", this::export);
    routes.delete("/api/profiles/{id}", this::delete);
    routes.post("/api/merges/{mergeId}/undo", this::undoMerge);
    routes.delete("/api/separations/{separationId}", this::removeSeparation);
    routes.get(
        "/api/events/failures",
        ctx -> {
          int limit = limit(ctx, 50);
          int offset = intParam(ctx, "offset", 0);
          ArrayNode rows = failures.newest(limit + 1, offset);
          boolean more = rows.size() > limit;
          ctx.json(
              Map.of(
                  "failures", page(ctx, rows, limit),
                  "limit", limit,
                  "offset", offset,
                  "has_more", more));
        });
    routes.post(
        "/api/events/failures/retry",
        ctx -> ctx.json(retried(failures.retryOldest(limit(ctx, 100)))));
    routes.post(
        "/api/events/failures/{seq}/retry",
        ctx ->
            ctx.json(
                retried(
                    failures
                        .retry(seq(ctx))
                        .orElseThrow(
                            () ->
                                HttpProblem.notFound("no failed event " + ctx.pathParam("seq"))))));
  }

  private static Map<String, Object> retried(EventFailures.Retried retried) {
    return Map.of(
        "applied",
        retried.applied(),
        "still_failing",
        retried.stillFailing().stream()
            .map(f -> Map.of("seq", f.seq(), "error", f.error()))
            .toList());
  }

  private static long seq(Context ctx) {
    try {
      return Long.parseLong(ctx.pathParam("seq"));
    } catch (NumberFormatException e) {
      throw HttpProblem.badRequest("seq", "seq must be the number of an event in the log");
    }
  }

  private void find(Context ctx) {
    String identifier = ctx.queryParam("identifier");
    if (identifier != null) {
      if (!ctx.queryParams("trait").isEmpty()) {
        throw HttpProblem.badRequest(
            "trait", "trait cannot be combined with identifier, which finds one profile");
      }
      Identifier parsed =
          new IdentifierParameter(normaliser, identifierKinds).read("identifier", identifier);
      UUID id =
          queries
              .byIdentifier(parsed)
              .orElseThrow(() -> HttpProblem.notFound("no profile has identifier " + parsed));
      ctx.json(found(queries.profile(id)));
      return;
    }
    Map<String, String> traits = new java.util.LinkedHashMap<>();
    for (String trait : ctx.queryParams("trait")) {
      int colon = trait.indexOf(':');
      if (colon <= 0) {
        throw HttpProblem.badRequest("trait", "trait must be name:value, e.g. trait=plan:pro");
      }
      traits.put(trait.substring(0, colon), trait.substring(colon + 1));
    }
    int limit = limit(ctx, 50);
    int offset = intParam(ctx, "offset", 0);
    List<ObjectNode> profiles = queries.search(traits, limit + 1, offset);
    boolean more = profiles.size() > limit;
    ctx.json(
        Map.of(
            "profiles", more ? profiles.subList(0, limit) : profiles,
            "limit", limit,
            "offset", offset,
            "has_more", more));
  }

  private void export(Context ctx) {
    UUID id = id(ctx);
    ctx.header("Content-Disposition", "attachment; filename=\"profile-" + id + ".json\"");
    ctx.json(found(queries.export(id)));
  }

  private void delete(Context ctx) {
    ProfileMaintenance.Deletion deletion = found(maintenance.delete(id(ctx)));
    ctx.json(
        Map.of(
            "deleted", deletion.profileId().toString(),
            "identifiers_suppressed", deletion.identifiersSuppressed(),
            "events_deleted", deletion.eventsDeleted()));
  }

  private void undoMerge(Context ctx) {
    long mergeId;
    try {
      mergeId = Long.parseLong(ctx.pathParam("mergeId"));
    } catch (NumberFormatException e) {
      throw HttpProblem.badRequest("mergeId", "mergeId must be a number");
    }
    ProfileMaintenance.UnmergeOutcome outcome = maintenance.unmerge(mergeId);
    if (outcome instanceof ProfileMaintenance.UnmergeOutcome.Unmerged unmerged) {
      ctx.json(
          new UnmergeResponse(
              mergeId,
              unmerged.surviving(),
              unmerged.restored(),
              unmerged.identifiersReturned(),
              unmerged.separationId()));
    } else if (outcome instanceof ProfileMaintenance.UnmergeOutcome.NotPossible notPossible) {
      throw new HttpProblem(409, "conflict", notPossible.reason(), "mergeId", null);
    } else {
      throw HttpProblem.notFound("no merge " + mergeId);
    }
  }

  /** An undone merge, and the separation that keeps its two profiles apart from now on. */
  public record UnmergeResponse(
      @JsonProperty("merge_id") long mergeId,
      @JsonProperty("surviving_profile_id") UUID survivingProfileId,
      @JsonProperty("restored_profile_id") UUID restoredProfileId,
      @JsonProperty("identifiers_returned") List<String> identifiersReturned,
      @JsonProperty("separation_id") long separationId) {}

  /** A removed separation. */
  public record SeparationRemoved(
      @JsonProperty("separation_id") long separationId, boolean removed) {}

  private void removeSeparation(Context ctx) {
    ApiParameters.noQueryParameters(ctx);
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("separationId"));
    } catch (NumberFormatException e) {
      throw HttpProblem.badRequest("separationId", "separationId must be a number");
    }
    if (!maintenance.removeSeparation(id)) {
      throw HttpProblem.notFound("no separation " + id);
    }
    ctx.json(new SeparationRemoved(id, true));
  }

  /**
   * The first {@code limit} entries of a list read with one more, saying in the header {@value
   * #HAS_MORE} whether more exist.
   */
  private static ArrayNode page(Context ctx, ArrayNode entries, int limit) {
    boolean more = entries.size() > limit;
    while (entries.size() > limit) {
      entries.remove(entries.size() - 1);
    }
    ctx.header(HAS_MORE, Boolean.toString(more));
    return entries;
  }

  private static <T> T found(Optional<T> value) {
    return value.orElseThrow(() -> HttpProblem.notFound("no such profile"));
  }

  private static UUID id(Context ctx) {
    try {
      return UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw HttpProblem.badRequest("id", "id must be a profile id (a UUID)");
    }
  }

  private static int limit(Context ctx, int fallback) {
    int limit = intParam(ctx, "limit", fallback);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw HttpProblem.badRequest("limit", "limit must be between 1 and " + MAX_LIMIT);
    }
    return limit;
  }

  private static Long before(Context ctx) {
    String before = ctx.queryParam("before");
    if (before == null) {
      return null;
    }
    try {
      return Long.parseLong(before);
    } catch (NumberFormatException e) {
      throw HttpProblem.badRequest("before", "before must be the seq of an event");
    }
  }

  private static int intParam(Context ctx, String name, int fallback) {
    String value = ctx.queryParam(name);
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < 0) {
        throw HttpProblem.badRequest(name, name + " must not be negative");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw HttpProblem.badRequest(name, name + " must be a number");
    }
  }
}
