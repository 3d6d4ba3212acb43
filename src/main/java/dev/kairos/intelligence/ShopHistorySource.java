package dev.kairos.intelligence;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/** Where the recompute reads orders, reachability, engagement and stored results from. */
public interface ShopHistorySource {

  /** Every surviving profile of the shop and all their orders. */
  ShopHistory all(Instant asOf);

  /** The given surviving profiles and their orders (those of profiles merged into them too). */
  ShopHistory of(Collection<UUID> profileIds, Instant asOf);

  /**
   * The surviving profiles whose orders changed (placed, refunded, cancelled) or that took part in
   * a merge or an undone merge at or after {@code since}, and profiles that have no lifecycle stage
   * yet.
   */
  Set<UUID> changedSince(Instant since);
}
