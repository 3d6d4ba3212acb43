package dev.kairos.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.commerce.Cart;
import dev.kairos.commerce.CommerceEvents;
import dev.kairos.commerce.OrderBook;
import dev.kairos.commerce.OrderLine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One person: traits, when they were seen, their time zone, consent and suppression, and the
 * commerce aggregates kept current as events arrive.
 */
public final class Profile {
  public static final int VIEWED_PRODUCTS_KEPT = 20;

  private final UUID id;
  private final Instant createdAt;
  private UUID mergedInto;
  private Instant firstSeenAt;
  private Instant lastSeenAt;
  private String timeZone;
  private ObjectNode traits;
  private ObjectNode consent;
  private boolean suppressed;
  private int ordersCount;
  private BigDecimal revenue = BigDecimal.ZERO;
  private int refundsCount;
  private BigDecimal refunded = BigDecimal.ZERO;
  private Instant firstOrderAt;
  private Instant lastOrderAt;
  private Cart cart = Cart.EMPTY;
  private List<ViewedProduct> viewedProducts = new ArrayList<>();

  public Profile(UUID id, Instant createdAt) {
    this.id = id;
    this.createdAt = createdAt;
    this.traits = JsonNodeFactory.instance.objectNode();
    this.consent = JsonNodeFactory.instance.objectNode();
  }

  /** Folds one event into the profile (the order change, if any, already decided). */
  public void apply(EventFacts event, OrderBook.Change orderChange) {
    if (event.seen()) {
      seen(event.timestamp());
    }
    if (event.traits() != null) {
      mergeTraits(event.traits());
    }
    if (event.timeZone() != null && TimeZones.isValid(event.timeZone())) {
      timeZone = event.timeZone();
    }
    for (ConsentChange change : event.consent()) {
      consent = change.applyTo(consent);
    }
    cart = cart.after(event.commerce());
    if (event.commerce().is(CommerceEvents.PRODUCT_VIEWED)) {
      for (OrderLine product : event.commerce().lines()) {
        viewed(new ViewedProduct(product.productId(), event.timestamp()));
      }
    }
    if (orderChange != null) {
      applyOrderChange(orderChange);
    }
  }

  /** An order of this person changed through another profile's event (a refund by support). */
  public void applyOrderChange(OrderBook.Change change) {
    if (change instanceof OrderBook.Change.Placed placed) {
      ordersCount++;
      revenue = revenue.add(placed.order().revenue());
      Instant at = placed.order().placedAt();
      firstOrderAt = firstOrderAt == null || at.isBefore(firstOrderAt) ? at : firstOrderAt;
      lastOrderAt = lastOrderAt == null || at.isAfter(lastOrderAt) ? at : lastOrderAt;
    } else if (change instanceof OrderBook.Change.Refunded refund) {
      refundsCount++;
      refunded = refunded.add(refund.amount());
      revenue = revenue.subtract(refund.amount());
    } else if (change instanceof OrderBook.Change.Cancelled cancelled) {
      ordersCount = Math.max(0, ordersCount - 1);
      revenue = revenue.subtract(cancelled.revenueLost());
    }
  }

  /**
   * Takes in a profile merged into this one. Traits: the more recently seen profile's values win;
   * consent and suppression: the most restrictive wins; commerce aggregates add up.
   */
  public void absorb(Profile other) {
    boolean otherNewer =
        other.lastSeenAt != null && (lastSeenAt == null || other.lastSeenAt.isAfter(lastSeenAt));
    ObjectNode mergedTraits = (otherNewer ? traits : other.traits).deepCopy();
    mergedTraits.setAll((otherNewer ? other.traits : traits).deepCopy());
    traits = mergedTraits;
    consent = ConsentMerge.mostRestrictive(consent, other.consent);
    suppressed = suppressed || other.suppressed;
    if (otherNewer && other.timeZone != null || timeZone == null) {
      timeZone = other.timeZone != null ? other.timeZone : timeZone;
    }
    firstSeenAt = min(firstSeenAt, other.firstSeenAt);
    lastSeenAt = max(lastSeenAt, other.lastSeenAt);
    ordersCount += other.ordersCount;
    revenue = revenue.add(other.revenue);
    refundsCount += other.refundsCount;
    refunded = refunded.add(other.refunded);
    firstOrderAt = min(firstOrderAt, other.firstOrderAt);
    lastOrderAt = max(lastOrderAt, other.lastOrderAt);
    if (other.cart.updatedAt() != null
        && (cart.updatedAt() == null || other.cart.updatedAt().isAfter(cart.updatedAt()))) {
      cart = other.cart;
    }
    for (ViewedProduct viewed : other.viewedProducts) {
      viewed(viewed);
    }
    other.mergedInto = id;
  }

  private void seen(Instant at) {
    firstSeenAt = min(firstSeenAt, at);
    lastSeenAt = max(lastSeenAt, at);
  }

  private void mergeTraits(JsonNode incoming) {
    if (!incoming.isObject()) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = incoming.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getValue().isNull()) {
        traits.remove(field.getKey());
      } else {
        traits.set(field.getKey(), field.getValue().deepCopy());
      }
    }
  }

  private void viewed(ViewedProduct viewed) {
    List<ViewedProduct> next = new ArrayList<>(viewedProducts.size() + 1);
    for (ViewedProduct old : viewedProducts) {
      if (old.productId().equals(viewed.productId())) {
        if (old.viewedAt().isAfter(viewed.viewedAt())) {
          viewed = old;
        }
      } else {
        next.add(old);
      }
    }
    next.add(viewed);
    next.sort((a, b) -> b.viewedAt().compareTo(a.viewedAt()));
    viewedProducts =
        next.size() > VIEWED_PRODUCTS_KEPT ? next.subList(0, VIEWED_PRODUCTS_KEPT) : next;
  }

  private static Instant min(Instant a, Instant b) {
    return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
  }

  public BigDecimal averageOrderValue() {
    return ordersCount == 0
        ? BigDecimal.ZERO
        : revenue.divide(BigDecimal.valueOf(ordersCount), 2, RoundingMode.HALF_UP);
  }

  public void suppress() {
    suppressed = true;
  }

  // --- state, for storage and views

  public UUID id() {
    return id;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public UUID mergedInto() {
    return mergedInto;
  }

  public Instant firstSeenAt() {
    return firstSeenAt;
  }

  public Instant lastSeenAt() {
    return lastSeenAt;
  }

  public String timeZone() {
    return timeZone;
  }

  public ObjectNode traits() {
    return traits;
  }

  public ObjectNode consent() {
    return consent;
  }

  public boolean suppressed() {
    return suppressed;
  }

  public int ordersCount() {
    return ordersCount;
  }

  public BigDecimal revenue() {
    return revenue;
  }

  public int refundsCount() {
    return refundsCount;
  }

  public BigDecimal refunded() {
    return refunded;
  }

  public Instant firstOrderAt() {
    return firstOrderAt;
  }

  public Instant lastOrderAt() {
    return lastOrderAt;
  }

  public Cart cart() {
    return cart;
  }

  public List<ViewedProduct> viewedProducts() {
    return viewedProducts;
  }

  /** Restores a stored profile (used by the profile store only). */
  public static Profile restore(Stored s) {
    Profile p = new Profile(s.id(), s.createdAt());
    p.mergedInto = s.mergedInto();
    p.firstSeenAt = s.firstSeenAt();
    p.lastSeenAt = s.lastSeenAt();
    p.timeZone = s.timeZone();
    p.traits = s.traits();
    p.consent = s.consent();
    p.suppressed = s.suppressed();
    p.ordersCount = s.ordersCount();
    p.revenue = s.revenue();
    p.refundsCount = s.refundsCount();
    p.refunded = s.refunded();
    p.firstOrderAt = s.firstOrderAt();
    p.lastOrderAt = s.lastOrderAt();
    p.cart = s.cart();
    p.viewedProducts = new ArrayList<>(s.viewedProducts());
    return p;
  }

  /** The stored form of a profile's state. */
  public record Stored(
      UUID id,
      Instant createdAt,
      UUID mergedInto,
      Instant firstSeenAt,
      Instant lastSeenAt,
      String timeZone,
      ObjectNode traits,
      ObjectNode consent,
      boolean suppressed,
      int ordersCount,
      BigDecimal revenue,
      int refundsCount,
      BigDecimal refunded,
      Instant firstOrderAt,
      Instant lastOrderAt,
      Cart cart,
      List<ViewedProduct> viewedProducts) {}
}
