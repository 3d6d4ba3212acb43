package dev.kairos.intelligence;

import dev.kairos.intelligence.rfm.ProfileRfm;
import dev.kairos.intelligence.rfm.RfmBoundaries;
import dev.kairos.intelligence.rfm.RfmCellTable;
import dev.kairos.intelligence.rfm.RfmScore;
import dev.kairos.intelligence.rfm.RfmScoring;
import dev.kairos.intelligence.rfm.RfmSettings;
import dev.kairos.intelligence.rfm.RfmSnapshot;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Scores every customer's recency, frequency and monetary value and names their RFM cell. */
public final class RfmStep implements RecomputeStep {

  /** Where RFM results are kept. */
  public interface Results {
    void saveBoundaries(RfmBoundaries boundaries);

    Optional<RfmBoundaries> latestBoundaries();

    /** Sets (present) or clears (empty) the RFM result of each profile in {@code changes}. */
    void saveScores(Map<UUID, Optional<ProfileRfm>> changes, Instant asOf);
  }

  private final RfmScoring scoring;
  private final Results results;

  public RfmStep(RfmSettings settings, Results results) {
    this.scoring = new RfmScoring(settings);
    this.results = results;
  }

  @Override
  public String name() {
    return "rfm";
  }

  @Override
  public StepOutcome recomputeAll(ShopHistory shop) {
    RfmSnapshot snapshot = scoring.recompute(shop.orders(), shop.asOf());
    snapshot.boundaries().ifPresent(results::saveBoundaries);
    Map<UUID, Optional<ProfileRfm>> changes = new LinkedHashMap<>();
    for (ProfileInputs profile : shop.profiles().values()) {
      diff(profile, snapshot.of(profile.profileId()), changes);
    }
    results.saveScores(changes, shop.asOf());
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("customers_ranked", snapshot.profiles().size());
    figures.put("guest_orders_left_out", shop.guestOrders().size());
    snapshot
        .boundaries()
        .ifPresent(
            b -> {
              figures.put("frequency_cuts", b.frequency().cuts());
              figures.put("monetary_cuts", b.monetary().cuts());
            });
    figures.put("cells", cells(snapshot, shop.asOf()));
    return new StepOutcome(name(), changes.size(), 0, figures);
  }

  @Override
  public StepOutcome rescore(ShopHistory changed) {
    Optional<RfmBoundaries> boundaries = results.latestBoundaries();
    if (boundaries.isEmpty()) {
      return new StepOutcome(
          name(), 0, 0, Map.of("skipped", "no boundaries yet: run the full recompute"));
    }
    Map<UUID, Optional<ProfileRfm>> changes = new LinkedHashMap<>();
    for (ProfileInputs profile : changed.profiles().values()) {
      UUID id = profile.profileId();
      diff(
          profile,
          scoring.rescore(id, changed.ordersOf(id), changed.asOf(), boundaries.get()),
          changes);
    }
    results.saveScores(changes, changed.asOf());
    return new StepOutcome(
        name(), changes.size(), 0, Map.of("boundaries_of", boundaries.get().asOf().toString()));
  }

  /** The cell table, named as the rest of the summary is. */
  private static Map<String, Map<String, Object>> cells(RfmSnapshot snapshot, Instant asOf) {
    Map<String, Map<String, Object>> cells = new LinkedHashMap<>();
    RfmCellTable.of(snapshot.profiles().values(), asOf)
        .forEach(
            (cell, row) -> {
              Map<String, Object> json = new LinkedHashMap<>();
              json.put("customers", row.customers());
              json.put("mean_monetary", row.meanMonetary());
              json.put("mean_days_since_last_order", row.meanDaysSinceLastOrder());
              json.put("mean_orders", row.meanOrders());
              cells.put(cell, json);
            });
    return cells;
  }

  private static void diff(
      ProfileInputs profile, Optional<ProfileRfm> now, Map<UUID, Optional<ProfileRfm>> changes) {
    Optional<RfmScore> before = profile.stored().rfm();
    Optional<RfmScore> after = now.map(ProfileRfm::score);
    if (!before.equals(after)) {
      changes.put(profile.profileId(), now);
    }
  }
}
