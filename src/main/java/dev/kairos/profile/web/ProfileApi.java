package dev.kairos.profile.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kairos.identity.Identifier;
import dev.kairos.identity.IdentifierNormaliser;
import dev.kairos.platform.http.HttpProblem;
import dev.kairos.platform.http.RouteGroup;
import dev.kairos.profile.store.EventFailures;
import dev.kairos.profile.store.ProfileMaintenance;
import dev.kairos.profile.store.ProfileQueries;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The profile routes of the management API. */
public final class ProfileApi implements RouteGroup {
  private static final int MAX_LIMIT = 1000;

  private final ProfileQueries queries;
  private final ProfileMaintenance maintenance;
  private final IdentifierNormaliser normaliser;
  private final EventFailures failures;

  public ProfileApi(
      ProfileQueries queries,
      ProfileMaintenance maintenance,
      IdentifierNormaliser normaliser,
      EventFailures failures) {
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
        ctx -> ctx.json(found(queries.timeline(id(ctx), limit(ctx, 50), before(ctx)))));
    routes.get("/api/profiles/{id}/identity", ctx -> ctx.json(found(queries.identity(id(ctx)))));
    routes.get(
        "/api/profiles/{id}/orders",
        ctx ->
            ctx.json(found(queries.orders(id(ctx), limit(ctx, 50), intParam(ctx, "offset", 0)))));
    routes.get("/api/profiles/{id}/export", this::export);
    routes.delete("/api/profiles/{id}", this::delete);
    routes.post("/api/merges/{mergeId}/undo", this::undoMerge);
    routes.delete("/api/separations/{separationId}", this::removeSeparation);
    routes.get(
        "/api/events/failures",
        ctx -> {
          int limit = limit(ctx, 50);
          int offset = intParam(ctx, "offset", 0);
          ctx.json(
              Map.of("failures", failures.newest(limit, offset), "limit", limit, "offset", offset));
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
      Identifier parsed =
          Identifier.parse(identifier)
              .flatMap(i -> normaliser.normalise(i.kind(), i.value()))
              .orElseThrow(
                  () ->
                      HttpProblem.badRequest(
                          "identifier",
                          "identifier must be kind:value, e.g. email:ann@example.com or userId:42"));
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
    ctx.json(
        Map.of(
            "profiles", queries.search(traits, limit, offset), "limit", limit, "offset", offset));
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
