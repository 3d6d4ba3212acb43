package dev.kairos.intelligence.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kairos.intelligence.ServingRecommendations;
import dev.kairos.intelligence.store.NonMerchandiseFlags;
import dev.kairos.platform.http.HttpProblem;
import dev.kairos.platform.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Iterator;

/**
 * {@code PATCH /api/products/{productId}} with {@code {"non_merchandise": true}}: flags a catalog
 * product as postage, a fee or a voucher (never recommended, not counted for popularity or "bought
 * together"), or {@code false} to clear it. The model in service takes the flag at once.
 */
public final class NonMerchandiseApi implements RouteGroup {
  static final String FIELD = "non_merchandise";

  /** The product's flag as stored. */
  public record ProductFlag(
      @JsonProperty("product_id") String productId,
      @JsonProperty("non_merchandise") boolean nonMerchandise) {}

  private final NonMerchandiseFlags flags;
  private final ServingRecommendations recommendations;
  private final ObjectMapper mapper;
  private final Clock clock;

  public NonMerchandiseApi(
      NonMerchandiseFlags flags,
      ServingRecommendations recommendations,
      ObjectMapper mapper,
      Clock clock) {
    this.flags = flags;
    this.recommendations = recommendations;
    this.mapper = mapper;
    this.clock = clock;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.patch("/api/products/{productId}", this::patch);
  }

  private void patch(Context ctx) {
    RecommendationApi.refuseQueryParameters(ctx);
    boolean flag = flag(body(ctx));
    String productId = ctx.pathParam("productId");
    flags.set(productId, flag, clock.instant());
    recommendations.refreshCatalog();
    ctx.json(new ProductFlag(productId, flag));
  }

  private JsonNode body(Context ctx) {
    try {
      JsonNode body = mapper.readTree(ctx.body());
      if (body == null || !body.isObject()) {
        throw HttpProblem.badRequest(FIELD, "the body must be a JSON object");
      }
      return body;
    } catch (JsonProcessingException e) {
      throw HttpProblem.badRequest(FIELD, "the body is not JSON: " + e.getOriginalMessage());
    }
  }

  private static boolean flag(JsonNode body) {
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals(FIELD)) {
        throw HttpProblem.badRequest(name, name + " is not a field of a product flag");
      }
    }
    JsonNode value = body.get(FIELD);
    if (value == null || !value.isBoolean()) {
      throw HttpProblem.badRequest(FIELD, FIELD + " must be true or false");
    }
    return value.booleanValue();
  }
}
