package dev.kairos.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The variables a template is rendered with for one person: profile, event, cart, last_order,
 * coupon.
 */
@FunctionalInterface
public interface TemplateVariables {
  /**
   * @param run the message's own variables ({@code event}, {@code coupon}) from the journey
   */
  Optional<Map<String, Object>> of(UUID profileId, JsonNode run);
}
