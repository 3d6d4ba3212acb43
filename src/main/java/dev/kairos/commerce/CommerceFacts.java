package dev.kairos.commerce;

import dev.kairos.ingest.TrackedEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a track event says about carts, orders and viewed products, read from it once (on the
 * request thread), so that applying it later needs no parse of the event.
 *
 * @param name the track event's name (null for other calls)
 * @param lines the products it names, for the events whose products matter to a person (cart,
 *     views, orders, refunds); empty for the others
 * @param order the order an {@code Order Completed} places, else null
 * @param orderId the order an {@code Order Completed}, {@code Refunded} or {@code Cancelled} is
 *     about, else null
 * @param refund the amount an {@code Order Refunded} refunds; null for a full refund or another
 *     event
 */
public record CommerceFacts(
    String name,
    Instant at,
    List<OrderLine> lines,
    Order order,
    String orderId,
    BigDecimal refund) {

  /** The events whose products a person's cart, views or orders follow. */
  private static final Set<String> WITH_LINES =
      Set.of(
          CommerceEvents.PRODUCT_VIEWED,
          CommerceEvents.PRODUCT_ADDED,
          CommerceEvents.PRODUCT_REMOVED,
          CommerceEvents.CART_VIEWED,
          CommerceEvents.CHECKOUT_STARTED);

  public static CommerceFacts of(TrackedEvent event) {
    if (!CommerceEvents.isTrack(event)) {
      return new CommerceFacts(null, event.timestamp(), List.of(), null, null, null);
    }
    String name = event.name();
    return new CommerceFacts(
        name,
        event.timestamp(),
        name != null && WITH_LINES.contains(name) ? CommerceEvents.lines(event) : List.of(),
        CommerceEvents.order(event).orElse(null),
        CommerceEvents.orderIdOf(event).orElse(null),
        event.isTrack(CommerceEvents.ORDER_REFUNDED)
            ? CommerceEvents.refundAmount(event).orElse(null)
            : null);
  }

  /** Whether this is the track event of that name. */
  public boolean is(String eventName) {
    return eventName.equals(name);
  }
}
