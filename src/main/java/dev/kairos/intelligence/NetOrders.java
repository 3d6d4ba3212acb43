package dev.kairos.intelligence;

import dev.kairos.intelligence.rfm.CustomerOrder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Orders net of the refunds that name no known order. Each such refund is taken from the person's
 * orders placed before it, the latest first (a return is usually of something bought recently);
 * what is left, from the orders after it, the earliest first. So a person's orders are worth, in
 * total, their revenue as the profile shows it (never less than nothing), and every model reads the
 * same net figures. A refund of a person without orders changes nothing.
 */
public final class NetOrders {
  private NetOrders() {}

  /** The orders with the refunds taken off (in the order given; an order may drop to zero). */
  public static List<CustomerOrder> of(
      Collection<CustomerOrder> orders, Collection<UnmatchedRefund> refunds) {
    if (refunds.isEmpty()) {
      return List.copyOf(orders);
    }
    Map<UUID, List<Integer>> byProfile = new HashMap<>();
    List<CustomerOrder> net = new ArrayList<>(orders);
    for (int i = 0; i < net.size(); i++) {
      byProfile.computeIfAbsent(net.get(i).profileId(), id -> new ArrayList<>()).add(i);
    }
    Comparator<Integer> byTime = Comparator.comparing(i -> net.get(i).placedAt());
    byProfile.values().forEach(indexes -> indexes.sort(byTime));
    List<UnmatchedRefund> inTime = new ArrayList<>(refunds);
    inTime.sort(Comparator.comparing(UnmatchedRefund::refundedAt));
    for (UnmatchedRefund refund : inTime) {
      List<Integer> own = byProfile.getOrDefault(refund.profileId(), List.of());
      BigDecimal left = refund.amount();
      for (int i : before(own, net, refund)) {
        left = take(net, i, left);
      }
      for (int i : own) {
        if (net.get(i).placedAt().isAfter(refund.refundedAt())) {
          left = take(net, i, left);
        }
      }
    }
    return net;
  }

  /** The person's orders placed at or before the refund, latest first. */
  private static List<Integer> before(
      List<Integer> own, List<CustomerOrder> net, UnmatchedRefund refund) {
    List<Integer> before = new ArrayList<>();
    for (int i : own) {
      if (!net.get(i).placedAt().isAfter(refund.refundedAt())) {
        before.add(0, i);
      }
    }
    return before;
  }

  /** Takes up to {@code left} off order {@code i}; returns what is still to take. */
  private static BigDecimal take(List<CustomerOrder> net, int i, BigDecimal left) {
    if (left.signum() <= 0) {
      return left;
    }
    CustomerOrder order = net.get(i);
    BigDecimal taken = left.min(order.value().max(BigDecimal.ZERO));
    if (taken.signum() > 0) {
      net.set(
          i,
          new CustomerOrder(
              order.profileId(),
              order.placedAt(),
              order.value().subtract(taken),
              order.productIds()));
    }
    return left.subtract(taken);
  }
}
