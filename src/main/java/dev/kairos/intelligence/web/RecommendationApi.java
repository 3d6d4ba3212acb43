package dev.kairos.intelligence.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.intelligence.ServingRecommendations;
import dev.kairos.intelligence.ServingRecommendations.Recommended;
import dev.kairos.intelligence.recommend.Reason;
import dev.kairos.intelligence.recommend.Recommendation;
import dev.kairos.intelligence.recommend.Strategy;
import dev.kairos.platform.http.HttpProblem;
import dev.kairos.platform.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The recommendation routes of the management API (behind the admin token like all of {@code
 * /api/}): recommendations for a profile, for a product, and rebuilding the model now.
 */
public final class RecommendationApi implements RouteGroup {
  static final int MAX_K = 100;
  private static final List<Strategy> FOR_PROFILE =
      List.of(
          Strategy.FOR_YOU,
          Strategy.BUY_AGAIN,
          Strategy.NEXT_BEST_OFFER,
          Strategy.BASED_ON_YOUR_HISTORY,
          Strategy.FREQUENTLY_BOUGHT_TOGETHER,
          Strategy.POPULAR);
  private static final List<Strategy> FOR_PRODUCT =
      List.of(
          Strategy.FREQUENTLY_BOUGHT_TOGETHER,
          Strategy.CUSTOMERS_ALSO_VIEWED,
          Strategy.POPULAR_IN_CATEGORY);

  private final ServingRecommendations recommendations;
  private final ObjectMapper mapper;

  public RecommendationApi(ServingRecommendations recommendations, ObjectMapper mapper) {
    this.recommendations = recommendations;
    this.mapper = mapper;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/profiles/{id}/recommendations", this::forProfile);
    routes.get("/api/products/{productId}/recommendations", this::forProduct);
    routes.post("/api/recommendations/rebuild", this::rebuild);
  }

  private static final java.util.Set<String> PARAMETERS = java.util.Set.of("strategy", "k");

  /** A query parameter the route does not take is refused, naming it. */
  static void refuseQueryParameters(Context ctx, java.util.Set<String> known) {
    for (String name : ctx.queryParamMap().keySet()) {
      if (!known.contains(name)) {
        throw HttpProblem.badRequest(name, "unknown query parameter " + name);
      }
    }
  }

  static void refuseQueryParameters(Context ctx) {
    refuseQueryParameters(ctx, java.util.Set.of());
  }

  private void forProfile(Context ctx) {
    refuseQueryParameters(ctx, PARAMETERS);
    UUID id = profileId(ctx);
    Strategy strategy = strategy(ctx, FOR_PROFILE);
    int k = k(ctx);
    ServingRecommendations.ForProfile found =
        recommendations
            .forProfile(id, strategy, k)
            .orElseThrow(() -> HttpProblem.notFound("no such profile"));
    ObjectNode json = mapper.createObjectNode();
    json.put("profile_id", found.profileId());
    answer(json, strategy, k, found.recommendations());
    ctx.json(json);
  }

  private void forProduct(Context ctx) {
    refuseQueryParameters(ctx, PARAMETERS);
    String productId = ctx.pathParam("productId");
    Strategy strategy = strategy(ctx, FOR_PRODUCT);
    int k = k(ctx);
    List<Recommended> found =
        recommendations
            .forProduct(productId, strategy, k)
            .orElseThrow(() -> HttpProblem.notFound("no such product"));
    ObjectNode json = mapper.createObjectNode();
    json.put("product_id", productId);
    answer(json, strategy, k, found);
    ctx.json(json);
  }

  private void rebuild(Context ctx) {
    refuseQueryParameters(ctx);
    ServingRecommendations.Build build = recommendations.rebuild();
    ObjectNode json = mapper.createObjectNode();
    json.put("built_for", build.builtFor().toString());
    json.put("read_millis", build.readTime().toNanos() / 1e6);
    json.put("build_millis", build.buildTime().toNanos() / 1e6);
    json.put("products", build.products());
    json.put("catalog_products", build.catalogProducts());
    json.put("interactions", build.interactions());
    json.put("purchases", build.purchases());
    json.put("views", build.views());
    ctx.json(json);
  }

  private void answer(ObjectNode json, Strategy strategy, int k, List<Recommended> found) {
    json.put("strategy", name(strategy));
    json.put("k", k);
    recommendations
        .lastBuild()
        .ifPresent(b -> json.put("model_built_for", b.builtFor().toString()));
    ArrayNode list = json.putArray("recommendations");
    for (Recommended shown : found) {
      Recommendation r = shown.recommendation();
      ObjectNode item = list.addObject();
      item.put("product_id", r.productId());
      item.put("name", shown.product().map(p -> p.name()).orElse(null));
      item.put("category", shown.product().map(p -> p.category()).orElse(null));
      item.put("price", shown.product().map(p -> p.price()).orElse(null));
      item.put("score", r.score());
      item.put("strategy", name(r.strategy()));
      reason(item.putObject("reason"), r.reason());
      item.put("fallback", r.fallback());
    }
  }

  private static void reason(ObjectNode json, Reason reason) {
    if (reason instanceof Reason.BoughtTogetherWith r) {
      json.put("kind", "bought_together_with").put("product_id", r.productId());
    } else if (reason instanceof Reason.ViewedTogetherWith r) {
      json.put("kind", "viewed_together_with").put("product_id", r.productId());
    } else if (reason instanceof Reason.BecauseOfYourInterestIn r) {
      json.put("kind", "because_of_your_interest_in").put("product_id", r.productId());
    } else if (reason instanceof Reason.BoughtBefore r) {
      json.put("kind", "bought_before").put("product_id", r.productId());
    } else if (reason instanceof Reason.PopularInCategory r) {
      json.put("kind", "popular_in_category").put("category", r.category());
    } else {
      json.put("kind", "popular_overall");
    }
  }

  private static Strategy strategy(Context ctx, List<Strategy> allowed) {
    String value = ctx.queryParam("strategy");
    if (value == null || value.isBlank()) {
      return allowed.get(0);
    }
    for (Strategy s : allowed) {
      if (name(s).equals(value)) {
        return s;
      }
    }
    throw HttpProblem.badRequest(
        "strategy",
        "strategy must be one of "
            + String.join(", ", allowed.stream().map(RecommendationApi::name).toList()));
  }

  private static int k(Context ctx) {
    String value = ctx.queryParam("k");
    if (value == null || value.isBlank()) {
      return 10;
    }
    try {
      int k = Integer.parseInt(value);
      if (k >= 1 && k <= MAX_K) {
        return k;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw HttpProblem.badRequest("k", "k must be a whole number from 1 to " + MAX_K);
  }

  private static String name(Strategy strategy) {
    return strategy.name().toLowerCase(Locale.ROOT);
  }

  private static UUID profileId(Context ctx) {
    try {
      return UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw HttpProblem.badRequest("id", "id must be a profile id (a UUID)");
    }
  }
}
