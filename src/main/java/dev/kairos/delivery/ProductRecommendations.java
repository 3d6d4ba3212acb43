package dev.kairos.delivery;

import java.util.List;
import java.util.UUID;

/**
 * The products a recommendation strategy ({@code for_you}, {@code buy_again}, {@code popular} …)
 * offers a person, best first; empty for an unknown strategy or when there are none. The
 * intelligence context answers it; templates read it as {@code recommendations.<strategy>}.
 */
@FunctionalInterface
public interface ProductRecommendations {
  List<String> productIds(UUID profileId, String strategy, int count);

  ProductRecommendations NONE = (profile, strategy, count) -> List.of();
}
