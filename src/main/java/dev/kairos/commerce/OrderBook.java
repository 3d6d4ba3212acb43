package dev.kairos.commerce;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The orders a group of events touches, with what each event changes: an order counts once however
 * often its {@code Order Completed} arrives; refunds and cancellations adjust it.
 */
public final class OrderBook {

  /** The state of one order as stored. */
  public record Entry(
      String orderId,
      UUID profileId,
      OrderStatus status,
      BigDecimal revenue,
      BigDecimal refunded,
      Order placed) {}

  /** What an event did to an order, for the profile's aggregates. */
  public sealed interface Change {
    record Placed(Order order) implements Change {}

    record Refunded(BigDecimal amount) implements Change {}

    record Cancelled(BigDecimal revenueLost) implements Change {}
  }

  private final Map<String, Entry> orders = new LinkedHashMap<>();
  private final Map<String, Entry> changed = new LinkedHashMap<>();

  public OrderBook(List<Entry> known) {
    known.forEach(e -> orders.put(e.orderId(), e));
  }

  public Optional<Change> place(Order order, UUID profileId) {
    if (orders.containsKey(order.orderId())) {
      return Optional.empty();
    }
    Entry entry =
        new Entry(
            order.orderId(),
            profileId,
            OrderStatus.COMPLETED,
            order.revenue(),
            BigDecimal.ZERO,
            order);
    orders.put(order.orderId(), entry);
    changed.put(order.orderId(), entry);
    return Optional.of(new Change.Placed(order));
  }

  /**
   * A refund of {@code amount} (empty: everything not yet refunded), capped at what is left. A
   * refund of an order Kairos never saw (a return booked on its own credit note, as in many shop
   * exports) still counts for the person when it states its amount.
   */
  public Optional<Change> refund(String orderId, Optional<BigDecimal> amount) {
    Entry entry = orders.get(orderId);
    if (entry == null) {
      return amount.filter(a -> a.signum() > 0).map(Change.Refunded::new);
    }
    if (entry.status() == OrderStatus.CANCELLED) {
      return Optional.empty();
    }
    BigDecimal left = entry.revenue().subtract(entry.refunded());
    BigDecimal refund = amount.orElse(left).min(left);
    if (refund.signum() <= 0) {
      return Optional.empty();
    }
    BigDecimal refunded = entry.refunded().add(refund);
    OrderStatus status =
        refunded.compareTo(entry.revenue()) >= 0
            ? OrderStatus.REFUNDED
            : OrderStatus.PARTIALLY_REFUNDED;
    update(
        new Entry(orderId, entry.profileId(), status, entry.revenue(), refunded, entry.placed()));
    return Optional.of(new Change.Refunded(refund));
  }

  public Optional<Change> cancel(String orderId) {
    Entry entry = orders.get(orderId);
    if (entry == null || entry.status() == OrderStatus.CANCELLED) {
      return Optional.empty();
    }
    update(
        new Entry(
            orderId,
            entry.profileId(),
            OrderStatus.CANCELLED,
            entry.revenue(),
            entry.refunded(),
            entry.placed()));
    return Optional.of(new Change.Cancelled(entry.revenue().subtract(entry.refunded())));
  }

  /** The profile an order was placed by, when Kairos knows the order and its person. */
  public Optional<UUID> owner(String orderId) {
    Entry entry = orders.get(orderId);
    return entry == null ? Optional.empty() : Optional.ofNullable(entry.profileId());
  }

  /** Orders placed, refunded or cancelled by the events, to be written. */
  public List<Entry> changed() {
    return new ArrayList<>(changed.values());
  }

  private void update(Entry entry) {
    orders.put(entry.orderId(), entry);
    changed.put(entry.orderId(), entry);
  }
}
