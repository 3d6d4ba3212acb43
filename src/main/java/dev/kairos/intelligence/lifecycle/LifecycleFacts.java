package dev.kairos.intelligence.lifecycle;

import dev.kairos.intelligence.rfm.CustomerOrder;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What a profile's lifecycle stage is decided from.
 *
 * @param reachable the profile has an identified email address or phone number, or has given
 *     marketing consent on some channel
 * @param orders the profile's completed orders, all time, in any order
 */
public record LifecycleFacts(UUID profileId, boolean reachable, List<CustomerOrder> orders) {

  public LifecycleFacts {
    Objects.requireNonNull(profileId, "profileId");
    orders = List.copyOf(orders);
  }
}
