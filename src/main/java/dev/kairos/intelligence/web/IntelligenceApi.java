package dev.kairos.intelligence.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.intelligence.AnalysisDate;
import dev.kairos.intelligence.ClvFit;
import dev.kairos.intelligence.RecomputeSummary;
import dev.kairos.intelligence.RecomputingProfileScores;
import dev.kairos.intelligence.store.ClvStore;
import dev.kairos.intelligence.store.RecomputeSummaryJson;
import dev.kairos.intelligence.store.ReplenishmentStore;
import dev.kairos.platform.http.HttpProblem;
import dev.kairos.platform.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The intelligence routes of the management API (behind the admin token like all of {@code /api/}):
 * the replenishment due dates of a profile, the newest CLV fit, and running the recompute now.
 */
public final class IntelligenceApi implements RouteGroup {
  private final RecomputingProfileScores recompute;
  private final ReplenishmentStore replenishment;
  private final ClvStore clv;
  private final ObjectMapper mapper;
  private final ZoneId workspaceZone;

  public IntelligenceApi(
      RecomputingProfileScores recompute,
      ReplenishmentStore replenishment,
      ClvStore clv,
      ObjectMapper mapper,
      ZoneId workspaceZone) {
    this.recompute = recompute;
    this.replenishment = replenishment;
    this.clv = clv;
    this.mapper = mapper;
    this.workspaceZone = workspaceZone;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/profiles/{id}/replenishment", this::replenishment);
    routes.post("/api/intelligence/recompute", this::recompute);
    routes.get("/api/intelligence/clv", this::clvModel);
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
    onlyQueryParameters(ctx, List.of("scope", "as_of"));
    String scope = ctx.queryParam("scope");
    Optional<Instant> asOf = asOf(ctx.queryParam("as_of"));
    RecomputeSummary summary;
    if (scope == null || scope.equals("all")) {
      summary = asOf.map(recompute::recomputeAll).orElseGet(recompute::recomputeAll);
    } else if (scope.equals("changed")) {
      summary = asOf.map(recompute::rescoreChanged).orElseGet(recompute::rescoreChanged);
    } else {
      throw HttpProblem.badRequest("scope", "scope must be all (default) or changed");
    }
    ctx.json(RecomputeSummaryJson.of(summary, mapper));
  }

  /** The analysis date a call names; empty: the node's default (KAIROS_ANALYSIS_AS_OF, or now). */
  private Optional<Instant> asOf(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(AnalysisDate.parse(value, workspaceZone));
    } catch (IllegalArgumentException e) {
      throw HttpProblem.badRequest("as_of", "as_of " + e.getMessage());
    }
  }

  private static void onlyQueryParameters(Context ctx, List<String> known) {
    for (String name : ctx.queryParamMap().keySet()) {
      if (!known.contains(name)) {
        throw HttpProblem.badRequest(
            name, "unknown query parameter " + name + "; known: " + String.join(", ", known));
      }
    }
  }

  /** The newest CLV fit: its parameters when fitted, the reason when not. */
  private void clvModel(Context ctx) {
    ClvFit fit =
        clv.latest()
            .orElseThrow(
                () -> HttpProblem.notFound("no CLV fit yet: the full recompute makes one"));
    ObjectNode json = mapper.createObjectNode();
    json.put("computed_at", fit.computedAt().toString());
    json.put("outcome", fit.outcome().value());
    json.put("reason", fit.reason().orElse(null));
    json.put("model", fit.modelName());
    if (fit.model().isPresent()) {
      ObjectNode parameters = json.putObject("parameters");
      parameters.set("purchases", mapper.valueToTree(fit.purchaseParameters()));
      parameters.set("spend", mapper.valueToTree(fit.spendParameters()));
      json.put("log_likelihood", fit.model().get().purchases().logLikelihood());
      json.put("spend_log_likelihood", fit.model().get().spend().logLikelihood());
      json.put("population_mean_spend", fit.model().get().spend().populationMeanSpend());
    } else {
      json.putNull("parameters");
      json.putNull("log_likelihood");
      json.putNull("spend_log_likelihood");
      json.putNull("population_mean_spend");
    }
    json.put("customers", fit.customers());
    json.put("repeat_buyers", fit.repeatBuyers());
    json.put("calibration_end", fit.calibrationEnd().toString());
    json.put("time_unit", fit.timeUnit().name().toLowerCase(Locale.ROOT));
    json.put("fit_ms", fit.fitMillis());
    ctx.json(json);
  }

  private static UUID id(Context ctx) {
    try {
      return UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw HttpProblem.badRequest("id", "id must be a profile id (a UUID)");
    }
  }
}
