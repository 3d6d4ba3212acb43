package dev.kairos.delivery.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.delivery.ProductRecommendations;
import dev.kairos.delivery.TemplateVariables;
import dev.kairos.platform.db.Database;
import dev.kairos.profile.store.ProfileQueries;
import dev.kairos.template.LocaleFilters;
import dev.kairos.template.TemplateSandbox;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Template variables: {@code profile} (its JSON as the API shows it), {@code cart} (the profile's
 * open cart), {@code last_order} (the newest order), and the run's {@code event} and {@code
 * coupon}; the person's locale ({@code traits.locale}) and time zone for the formatting filters,
 * and {@code currency} from the last order.
 */
public final class ProfileVariables implements TemplateVariables {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private final ProfileQueries profiles;
  private final ObjectMapper mapper;
  private final Optional<CatalogProducts> catalog;
  private final ProductRecommendations recommendations;

  /** Recommendations offered per strategy, unless a template's {@code limit:} asks fewer. */
  public static final int RECOMMENDATIONS = 8;

  public ProfileVariables(ProfileQueries profiles, ObjectMapper mapper) {
    this.profiles = profiles;
    this.mapper = mapper;
    this.catalog = Optional.empty();
    this.recommendations = ProductRecommendations.NONE;
  }

  /**
   * With the catalog (cart and order lines get each product's name, image_url, url, price) and
   * {@code recommendations.<strategy>} (products, computed when a template reads them).
   */
  public ProfileVariables(
      ProfileQueries profiles,
      Database database,
      ProductRecommendations recommendations,
      ObjectMapper mapper) {
    this.profiles = profiles;
    this.mapper = mapper;
    this.catalog = Optional.of(new CatalogProducts(database));
    this.recommendations = recommendations;
  }

  @Override
  public Optional<Map<String, Object>> of(UUID profileId, JsonNode run) {
    Optional<ObjectNode> profile = profiles.profile(profileId);
    if (profile.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put("profile", mapper.convertValue(profile.get(), MAP));
    variables.put("cart", value(profile.get().get("cart")));
    variables.put(
        "last_order",
        profiles
            .orders(profileId, 1, 0)
            .filter(o -> !o.isEmpty())
            .map(o -> value(o.get(0)))
            .orElse(null));
    variables.put(LocaleFilters.LOCALE, text(profile.get().path("traits").path("locale")));
    variables.put(LocaleFilters.TIME_ZONE, text(profile.get().path("time_zone")));
    Object order = variables.get("last_order");
    if (order instanceof Map<?, ?> o && o.get("currency") != null) {
      variables.put("currency", o.get("currency"));
    }
    catalog.ifPresent(
        products -> {
          if (variables.get("cart") instanceof Map<?, ?> cart) {
            products.enrich(cart.get("lines"));
          }
          if (variables.get("last_order") instanceof Map<?, ?> last) {
            products.enrich(last.get("lines"));
          }
          variables.put("recommendations", recommended(profileId, products));
        });
    variables.put("event", value(run.get("event")));
    variables.put("coupon", value(run.get("coupon")));
    return Optional.of(variables);
  }

  private TemplateSandbox.Lazy recommended(UUID profileId, CatalogProducts products) {
    return new TemplateSandbox.Lazy() {
      @Override
      protected Object compute(String strategy) {
        List<String> ids = recommendations.productIds(profileId, strategy, RECOMMENDATIONS);
        return products.list(ids);
      }
    };
  }

  private static String text(JsonNode node) {
    return node.isTextual() ? node.asText() : null;
  }

  private Object value(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    return node.isObject()
        ? mapper.convertValue(node, MAP)
        : mapper.convertValue(node, Object.class);
  }
}
