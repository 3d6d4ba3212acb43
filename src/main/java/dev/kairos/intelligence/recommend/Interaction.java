package dev.kairos.intelligence.recommend;

import java.time.Instant;
import java.util.Objects;

/**
 * One person's interaction with one product, independent of where it is stored.
 *
 * @param personId the person (profile) id, or {@code null} for a guest: guest purchases still teach
 *     which products are bought together and what is popular, but belong to no history
 * @param productId the product id (SKU or stock code)
 * @param kind purchase or view
 * @param time when it happened
 * @param quantity units bought (1 for a view); must be positive
 * @param groupId the order id of a purchase or the session id of a view, or {@code null}: purchases
 *     without an order id are grouped by person and exact time, views without a session id are
 *     split into sessions by the configured inactivity gap
 */
public record Interaction(
    String personId,
    String productId,
    InteractionKind kind,
    Instant time,
    int quantity,
    String groupId) {

  public Interaction {
    Objects.requireNonNull(productId, "productId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(time, "time");
    if (productId.isEmpty()) {
      throw new IllegalArgumentException("productId is empty");
    }
    if (quantity <= 0) {
      throw new IllegalArgumentException("quantity must be positive, was " + quantity);
    }
  }

  public static Interaction purchase(
      String personId, String productId, Instant time, int quantity, String orderId) {
    return new Interaction(personId, productId, InteractionKind.PURCHASE, time, quantity, orderId);
  }

  public static Interaction view(String personId, String productId, Instant time) {
    return new Interaction(personId, productId, InteractionKind.VIEW, time, 1, null);
  }

  public boolean isGuest() {
    return personId == null || personId.isEmpty();
  }
}
