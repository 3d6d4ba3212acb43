package dev.kairos.commerce;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A person's open cart: {@code Product Added} adds, {@code Product Removed} removes, {@code Cart
 * Viewed} and {@code Checkout Started} with a products list replace it, {@code Order Completed}
 * clears it. Events older than the cart's last change are ignored.
 */
public record Cart(List<OrderLine> items, Instant updatedAt) {
  public static final Cart EMPTY = new Cart(List.of(), null);

  public BigDecimal value() {
    return items.stream().map(OrderLine::value).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  public boolean isEmpty() {
    return items.isEmpty();
  }

  /** The cart after the event (the same cart when the event does not touch it). */
  public Cart after(CommerceFacts event) {
    if (event.name() == null) {
      return this;
    }
    Instant at = event.at();
    if (updatedAt != null && at.isBefore(updatedAt)) {
      return this; // a late event must not undo what a newer one did (refill a bought cart)
    }
    switch (event.name()) {
      case CommerceEvents.PRODUCT_ADDED:
        return added(event.lines(), at);
      case CommerceEvents.PRODUCT_REMOVED:
        return removed(event.lines(), at);
      case CommerceEvents.CART_VIEWED:
      case CommerceEvents.CHECKOUT_STARTED:
        List<OrderLine> lines = event.lines();
        return lines.isEmpty() ? this : new Cart(List.copyOf(lines), at);
      case CommerceEvents.ORDER_COMPLETED:
        return new Cart(List.of(), at);
      default:
        return this;
    }
  }

  private Cart added(List<OrderLine> added, Instant at) {
    List<OrderLine> next = new ArrayList<>(items);
    for (OrderLine line : added) {
      int index = indexOf(next, line.productId());
      if (index < 0) {
        next.add(line);
      } else {
        OrderLine old = next.get(index);
        next.set(
            index,
            new OrderLine(
                old.productId(),
                old.sku(),
                line.name() != null ? line.name() : old.name(),
                old.category(),
                line.price() != null ? line.price() : old.price(),
                Math.min(CommerceEvents.MAX_QUANTITY, old.quantity() + line.quantity())));
      }
    }
    return new Cart(List.copyOf(next), at);
  }

  private Cart removed(List<OrderLine> removed, Instant at) {
    List<OrderLine> next = new ArrayList<>(items);
    for (OrderLine line : removed) {
      int index = indexOf(next, line.productId());
      if (index >= 0) {
        OrderLine old = next.get(index);
        int left = old.quantity() - Math.max(1, line.quantity());
        if (left <= 0) {
          next.remove(index);
        } else {
          next.set(
              index,
              new OrderLine(
                  old.productId(), old.sku(), old.name(), old.category(), old.price(), left));
        }
      }
    }
    return new Cart(List.copyOf(next), at);
  }

  private static int indexOf(List<OrderLine> lines, String productId) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).productId().equals(productId)) {
        return i;
      }
    }
    return -1;
  }
}
