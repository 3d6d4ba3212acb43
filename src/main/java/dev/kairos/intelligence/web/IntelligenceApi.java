package dev.kairos.intelligence.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.intelligence.RecomputeSummary;
import dev.kairos.intelligence.RecomputingProfileScores;
import dev.kairos.intelligence.store.RecomputeSummaryJson;
import dev.kairos.intelligence.store.ReplenishmentStore;
import dev.kairos.platform.http.HttpProblem;
import dev.kairos.platform.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.UUID;

/**
 * The intelligence routes of the management API (behind the admin token like all of {@code /api/}):
 * the replenishment due dates of a profile, and running the recompute now.
 */
public final class IntelligenceApi implements RouteGroup {
  private final RecomputingProfileScores recompute;
  private final ReplenishmentStore replenishment;
  private final ObjectMapper mapper;

  public IntelligenceApi(
      RecomputingProfileScores recompute, ReplenishmentStore replenishment, ObjectMapper mapper) {
    this.recompute = recompute;
    this.replenishment = replenishment;
    this.mapper = mapper;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/profiles/{id}/replenishment", this::replenishment);
    routes.post("/api/intelligence/recompute", this::recompute);
  }

  private void replenishment(Context ctx) {
    ReplenishmentStore.Due due =
        replenishment.dueOf(id(ctx)).orElseThrow(() -> HttpProblem.notFound("no such profile"));
    ObjectNode json = mapper.createObjectNode();
    json.put("profile_id", due.profileId().toString());
    ArrayNode products = json.putArray("products");
    for (ReplenishmentStore.DueProduct p : due.products()) {
      ObjectNode product = products.addObject();
      product.put("product_id", p.productId());
      product.put("name", p.name().orElse(null));
      product.put("last_purchased_at", p.lastPurchasedAt().toString());
      product.put("due_at", p.dueAt().toString());
      product.put("interval_days", p.interval().getSeconds() / 86_400.0);
      product.put("repeat_buyers", p.repeatBuyers());
    }
    ctx.json(json);
  }

  private void recompute(Context ctx) {
    String scope = ctx.queryParam("scope");
    RecomputeSummary summary;
    if (scope == null || scope.equals("all")) {
      summary = recompute.recomputeAll();
    } else if (scope.equals("changed")) {
      summary = recompute.rescoreChanged();
    } else {
      throw HttpProblem.badRequest("scope", "scope must be all (default) or changed");
    }
    ctx.json(RecomputeSummaryJson.of(summary, mapper));
  }

  private static UUID id(Context ctx) {
    try {
      return UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw HttpProblem.badRequest("id", "id must be a profile id (a UUID)");
    }
  }
}
