package dev.kairos.intelligence.lifecycle;

import dev.kairos.intelligence.rfm.CustomerOrder;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Decides a profile's lifecycle stage. Orders placed after {@code now} are ignored. The first rule
 * that matches wins:
 *
 * <ol>
 *   <li>no order: {@link LifecycleStage#SUBSCRIBER} when reachable, else {@link
 *       LifecycleStage#VISITOR};
 *   <li>no order for {@code lapsedAfter} or longer: {@link LifecycleStage#LAPSED};
 *   <li>no order for {@code atRiskAfter} or longer: {@link LifecycleStage#AT_RISK};
 *   <li>the gap before the last order was {@code atRiskAfter} or longer, i.e. the customer was at
 *       risk or lapsed when they ordered last: {@link LifecycleStage#WON_BACK};
 *   <li>at least {@code vipMinimumOrders} orders, or at least two orders and lifetime revenue of at
 *       least {@code vipMinimumRevenue}: {@link LifecycleStage#VIP} (one large first order does not
 *       make a loyal customer);
 *   <li>two or more orders: {@link LifecycleStage#REPEAT_BUYER};
 *   <li>otherwise {@link LifecycleStage#FIRST_TIME_BUYER}.
 * </ol>
 *
 * <p>"Won back" is read from the order history rather than from the stored previous stage, so a
 * full recompute (or a recompute after the thresholds changed) gives the same answer as following
 * the profile day by day. The previous stage only decides whether a {@link StageChange} is due.
 */
public final class LifecycleStaging {
  private final LifecycleThresholds thresholds;

  public LifecycleStaging(LifecycleThresholds thresholds) {
    this.thresholds = thresholds;
  }

  /** The stage of a profile at {@code now}. */
  public LifecycleStage stageOf(boolean reachable, Collection<CustomerOrder> orders, Instant now) {
    List<CustomerOrder> placed = new ArrayList<>(orders.size());
    for (CustomerOrder order : orders) {
      if (!order.placedAt().isAfter(now)) {
        placed.add(order);
      }
    }
    if (placed.isEmpty()) {
      return reachable ? LifecycleStage.SUBSCRIBER : LifecycleStage.VISITOR;
    }
    placed.sort((a, b) -> a.placedAt().compareTo(b.placedAt()));
    Instant last = placed.get(placed.size() - 1).placedAt();
    Duration idle = Duration.between(last, now);
    if (idle.compareTo(thresholds.lapsedAfter()) >= 0) {
      return LifecycleStage.LAPSED;
    }
    if (idle.compareTo(thresholds.atRiskAfter()) >= 0) {
      return LifecycleStage.AT_RISK;
    }
    if (placed.size() >= 2) {
      Instant beforeLast = placed.get(placed.size() - 2).placedAt();
      if (Duration.between(beforeLast, last).compareTo(thresholds.atRiskAfter()) >= 0) {
        return LifecycleStage.WON_BACK;
      }
    }
    if (isVip(placed)) {
      return LifecycleStage.VIP;
    }
    return placed.size() >= 2 ? LifecycleStage.REPEAT_BUYER : LifecycleStage.FIRST_TIME_BUYER;
  }

  /**
   * The stage of a profile at {@code now} and, when it differs from {@code previous} (or there is
   * no previous stage), the change to record as a {@value StageChange#EVENT} event.
   */
  public LifecycleAssessment assess(
      LifecycleFacts facts, Instant now, Optional<LifecycleStage> previous) {
    LifecycleStage stage = stageOf(facts.reachable(), facts.orders(), now);
    Optional<StageChange> change =
        previous.isPresent() && previous.get() == stage
            ? Optional.empty()
            : Optional.of(new StageChange(facts.profileId(), previous, stage, now));
    return new LifecycleAssessment(facts.profileId(), stage, change);
  }

  private boolean isVip(List<CustomerOrder> placed) {
    if (placed.size() >= thresholds.vipMinimumOrders()) {
      return true;
    }
    if (placed.size() < 2 || thresholds.vipMinimumRevenue().isEmpty()) {
      return false;
    }
    BigDecimal revenue = BigDecimal.ZERO;
    for (CustomerOrder order : placed) {
      revenue = revenue.add(order.value());
    }
    return revenue.compareTo(thresholds.vipMinimumRevenue().get()) >= 0;
  }
}
