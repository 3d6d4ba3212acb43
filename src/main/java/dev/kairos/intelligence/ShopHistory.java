package dev.kairos.intelligence;

import dev.kairos.intelligence.rfm.CustomerOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The input of a recompute: completed orders (cancelled ones left out, value net of refunds, each
 * attributed to the surviving profile of the person) and the profiles to score, read at {@code
 * asOf}. Orders placed after {@code asOf} are not read: a recompute as of a past date sees the shop
 * as it was then. Refunds of orders Kairos never saw are taken off the person's orders ({@link
 * NetOrders}), so historic value, RFM monetary, lifecycle and the CLV fit all read the same net
 * figures as the profile's revenue. An order whose net value is not positive (refunded in full, or
 * free) is not a purchase and is left out, so no model counts a customer who kept nothing. For a
 * full recompute, every profile of the shop; for an incremental pass, the profiles whose orders
 * changed.
 */
public final class ShopHistory {
  private final Instant asOf;
  private final List<CustomerOrder> orders;
  private final List<CustomerOrder> guestOrders;
  private final Map<UUID, ProfileInputs> profiles;
  private final Map<UUID, List<CustomerOrder>> ordersByProfile;

  public ShopHistory(
      Instant asOf, Collection<CustomerOrder> orders, Map<UUID, ProfileInputs> profiles) {
    this(asOf, orders, List.of(), profiles);
  }

  /**
   * @param refunds refunds that name no known order, taken off the person's orders ({@link
   *     NetOrders}) before anything else is decided
   */
  public ShopHistory(
      Instant asOf,
      Collection<CustomerOrder> orders,
      Collection<UnmatchedRefund> refunds,
      Map<UUID, ProfileInputs> profiles) {
    this.asOf = asOf;
    this.profiles = Map.copyOf(profiles);
    List<CustomerOrder> customers = new ArrayList<>(orders.size());
    List<CustomerOrder> guests = new ArrayList<>();
    for (CustomerOrder order : NetOrders.of(until(orders, asOf), refundsUntil(refunds, asOf))) {
      if (order.value().signum() <= 0) {
        continue;
      }
      ProfileInputs profile = profiles.get(order.profileId());
      (profile == null || profile.customer() ? customers : guests).add(order);
    }
    this.orders = List.copyOf(customers);
    this.guestOrders = List.copyOf(guests);
    this.ordersByProfile = new HashMap<>();
    for (CustomerOrder order : this.orders) {
      ordersByProfile.computeIfAbsent(order.profileId(), id -> new ArrayList<>()).add(order);
    }
  }

  private static List<CustomerOrder> until(Collection<CustomerOrder> orders, Instant asOf) {
    return orders.stream().filter(o -> !o.placedAt().isAfter(asOf)).toList();
  }

  private static List<UnmatchedRefund> refundsUntil(
      Collection<UnmatchedRefund> refunds, Instant asOf) {
    return refunds.stream().filter(r -> !r.refundedAt().isAfter(asOf)).toList();
  }

  /** The {@code now} of the recompute. */
  public Instant asOf() {
    return asOf;
  }

  /** The customers' orders (of every profile read), guest orders left out. */
  public List<CustomerOrder> orders() {
    return orders;
  }

  /** Orders of profiles that are not customers (guest checkouts). */
  public List<CustomerOrder> guestOrders() {
    return guestOrders;
  }

  /** The profiles to score, by id. */
  public Map<UUID, ProfileInputs> profiles() {
    return profiles;
  }

  /** A customer's orders; none for a guest. */
  public List<CustomerOrder> ordersOf(UUID profileId) {
    return ordersByProfile.getOrDefault(profileId, List.of());
  }
}
