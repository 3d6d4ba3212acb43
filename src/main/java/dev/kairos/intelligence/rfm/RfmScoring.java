package dev.kairos.intelligence.rfm;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Scores customers 1..5 on recency, frequency and monetary value against the shop's own customers
 * who bought in the window (rank-based quintiles, see {@link Quintiles}).
 *
 * <p>{@link #recompute} ranks everyone; {@link #rescore} scores one profile whose orders changed
 * against the boundaries of the last recompute. A rescored profile is compared with a population
 * that still holds its old facts, so its score can differ slightly from what the next full
 * recompute gives; run the full recompute regularly (daily) and rescore in between.
 */
public final class RfmScoring {
  private final RfmSettings settings;

  public RfmScoring(RfmSettings settings) {
    this.settings = settings;
  }

  /** Ranks every profile with an order in {@code [now - window, now]}. */
  public RfmSnapshot recompute(Collection<CustomerOrder> orders, Instant now) {
    Instant windowStart = windowStart(now);
    List<RfmFacts> facts = factsByProfile(orders, windowStart, now);
    if (facts.isEmpty()) {
      return new RfmSnapshot(Optional.empty(), Map.of());
    }
    List<Instant> recency = new ArrayList<>(facts.size());
    List<Integer> frequency = new ArrayList<>(facts.size());
    List<BigDecimal> monetary = new ArrayList<>(facts.size());
    for (RfmFacts f : facts) {
      recency.add(f.lastOrderAt());
      frequency.add(f.orders());
      monetary.add(f.monetary());
    }
    RfmBoundaries boundaries =
        new RfmBoundaries(
            now,
            windowStart,
            facts.size(),
            Quintiles.of(recency),
            Quintiles.of(frequency),
            Quintiles.of(monetary));
    Map<UUID, ProfileRfm> profiles = new HashMap<>(facts.size() * 2);
    for (RfmFacts f : facts) {
      profiles.put(f.profileId(), new ProfileRfm(f, boundaries.score(f)));
    }
    return new RfmSnapshot(Optional.of(boundaries), profiles);
  }

  /**
   * Scores one profile from its orders against existing boundaries; empty when it has no order in
   * {@code [now - window, now]} (it then has no RFM score).
   */
  public Optional<ProfileRfm> rescore(
      UUID profileId,
      Collection<CustomerOrder> ordersOfProfile,
      Instant now,
      RfmBoundaries boundaries) {
    return RfmFacts.of(profileId, ordersOfProfile, windowStart(now), now)
        .map(f -> new ProfileRfm(f, boundaries.score(f)));
  }

  private Instant windowStart(Instant now) {
    return now.minus(settings.window());
  }

  private static List<RfmFacts> factsByProfile(
      Collection<CustomerOrder> orders, Instant windowStart, Instant now) {
    Map<UUID, Accumulator> byProfile = new HashMap<>();
    for (CustomerOrder order : orders) {
      Instant at = order.placedAt();
      if (at.isBefore(windowStart) || at.isAfter(now)) {
        continue;
      }
      byProfile.computeIfAbsent(order.profileId(), id -> new Accumulator()).add(order);
    }
    List<RfmFacts> facts = new ArrayList<>(byProfile.size());
    byProfile.forEach((id, acc) -> facts.add(new RfmFacts(id, acc.last, acc.count, acc.total)));
    return facts;
  }

  private static final class Accumulator {
    Instant last;
    int count;
    BigDecimal total = BigDecimal.ZERO;

    void add(CustomerOrder order) {
      count++;
      total = total.add(order.value());
      if (last == null || order.placedAt().isAfter(last)) {
        last = order.placedAt();
      }
    }
  }
}
