package dev.kairos.journey.web;

import dev.kairos.journey.store.BroadcastQueries;
import dev.kairos.platform.http.HttpProblem;
import dev.kairos.platform.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Set;

/** The broadcast view of a journey, for the console's campaign page (docs/journeys.md). */
public final class BroadcastApi implements RouteGroup {
  private final BroadcastQueries broadcasts;

  public BroadcastApi(BroadcastQueries broadcasts) {
    this.broadcasts = broadcasts;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/journeys/{key}/broadcasts", this::broadcasts);
  }

  private void broadcasts(Context ctx) {
    JourneyApi.noQuery(ctx, Set.of());
    String key = ctx.pathParam("key");
    ctx.json(broadcasts.of(key).orElseThrow(() -> HttpProblem.notFound("no journey " + key)));
  }
}
