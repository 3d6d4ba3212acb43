package dev.kairos.delivery.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.kairos.delivery.store.OutboxStore;
import dev.kairos.platform.http.HttpProblem;
import dev.kairos.platform.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** {@code GET /api/messages}: the outbox, newest last, paged by {@code after} (a message id). */
public final class MessagesApi implements RouteGroup {
  private static final Set<String> PARAMS =
      Set.of("profile_id", "journey", "status", "step", "limit", "after");
  private static final Set<String> STATUSES =
      Set.of("queued", "deferred", "sent", "delivered", "sandboxed", "suppressed", "failed");

  private final OutboxStore outbox;

  public MessagesApi(OutboxStore outbox) {
    this.outbox = outbox;
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Messages(List<OutboxStore.Message> messages, String next) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/messages", this::list);
  }

  private void list(Context ctx) {
    for (String name : ctx.queryParamMap().keySet()) {
      if (!PARAMS.contains(name)) {
        throw HttpProblem.badRequest(name, "unknown query parameter " + name);
      }
    }
    Optional<UUID> profile =
        Optional.ofNullable(ctx.queryParam("profile_id"))
            .map(
                p -> {
                  try {
                    return UUID.fromString(p);
                  } catch (IllegalArgumentException e) {
                    throw HttpProblem.badRequest(
                        "profile_id", "profile_id must be a profile id (a UUID)");
                  }
                });
    Optional<String> status = Optional.ofNullable(ctx.queryParam("status"));
    if (status.isPresent() && !STATUSES.contains(status.get())) {
      throw HttpProblem.badRequest(
          "status", "status must be one of " + new java.util.TreeSet<>(STATUSES));
    }
    int limit = (int) number(ctx, "limit", 100, 1, 1000);
    long after = number(ctx, "after", 0, 0, Long.MAX_VALUE);
    List<OutboxStore.Message> page =
        outbox.list(
            new OutboxStore.Filter(
                profile,
                Optional.ofNullable(ctx.queryParam("journey")),
                status,
                Optional.ofNullable(ctx.queryParam("step")),
                limit,
                after));
    String next = page.size() == limit ? String.valueOf(page.get(page.size() - 1).id()) : null;
    ctx.json(new Messages(page, next));
  }

  private static long number(Context ctx, String name, long otherwise, long min, long max) {
    String value = ctx.queryParam(name);
    if (value == null) {
      return otherwise;
    }
    try {
      long n = Long.parseLong(value);
      if (n < min || n > max) {
        throw HttpProblem.badRequest(name, name + " must be between " + min + " and " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw HttpProblem.badRequest(name, name + " must be a whole number");
    }
  }
}
