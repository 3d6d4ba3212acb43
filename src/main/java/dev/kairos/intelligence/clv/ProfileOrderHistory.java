package dev.kairos.intelligence.clv;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** One profile's orders, as the server reads them from the commerce tables. */
public record ProfileOrderHistory(UUID profileId, List<Order> orders) {

  /** One completed order: when it was placed and its value (revenue, net of discounts). */
  public record Order(Instant placedAt, double value) {
    public Order {
      Objects.requireNonNull(placedAt, "placedAt");
    }
  }

  public ProfileOrderHistory {
    Objects.requireNonNull(profileId, "profileId");
    orders = List.copyOf(orders);
  }
}
