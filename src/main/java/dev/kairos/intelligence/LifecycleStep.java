package dev.kairos.intelligence;

import dev.kairos.intelligence.lifecycle.LifecycleAssessment;
import dev.kairos.intelligence.lifecycle.LifecycleFacts;
import dev.kairos.intelligence.lifecycle.LifecycleSettings;
import dev.kairos.intelligence.lifecycle.LifecycleStage;
import dev.kairos.intelligence.lifecycle.LifecycleStaging;
import dev.kairos.intelligence.lifecycle.LifecycleThresholds;
import dev.kairos.intelligence.lifecycle.StageChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides every profile's lifecycle stage and records each change as a {@value StageChange#EVENT}
 * event on the profile's timeline, before the new stage is stored (so a crash in between repeats
 * the event with the same message id, which the event log stores once).
 */
public final class LifecycleStep implements RecomputeStep {

  /** Where thresholds and stages are kept. */
  public interface Results {
    void saveThresholds(LifecycleThresholds thresholds, java.time.Instant asOf);

    Optional<LifecycleThresholds> latestThresholds();

    /** Stores the new stage of each changed profile, with the change's time as its start. */
    void saveStages(List<StageChange> changes);
  }

  /** Where stage changes are announced (the event log). */
  public interface Announcements {
    /** Records the changes as events; returns how many were newly stored. */
    int announce(List<StageChange> changes);
  }

  private final LifecycleSettings settings;
  private final Results results;
  private final Announcements announcements;

  public LifecycleStep(LifecycleSettings settings, Results results, Announcements announcements) {
    this.settings = settings;
    this.results = results;
    this.announcements = announcements;
  }

  @Override
  public String name() {
    return "lifecycle";
  }

  @Override
  public StepOutcome recomputeAll(ShopHistory shop) {
    LifecycleThresholds thresholds = LifecycleThresholds.fromShopHistory(shop.orders(), settings);
    results.saveThresholds(thresholds, shop.asOf());
    StepOutcome outcome = stage(shop, thresholds);
    Map<String, Object> figures = new LinkedHashMap<>(outcome.figures());
    figures.put("typical_interpurchase_days", days(thresholds.typicalInterPurchaseTime()));
    figures.put("at_risk_after_days", days(thresholds.atRiskAfter()));
    figures.put("lapsed_after_days", days(thresholds.lapsedAfter()));
    thresholds.vipMinimumRevenue().ifPresent(v -> figures.put("vip_minimum_revenue", v));
    return new StepOutcome(name(), outcome.profilesChanged(), outcome.events(), figures);
  }

  @Override
  public StepOutcome rescore(ShopHistory changed) {
    LifecycleThresholds thresholds =
        results
            .latestThresholds()
            .orElseGet(
                () ->
                    LifecycleThresholds.of(
                        settings.defaultInterPurchaseTime(), Optional.empty(), settings));
    return stage(changed, thresholds);
  }

  private StepOutcome stage(ShopHistory shop, LifecycleThresholds thresholds) {
    LifecycleStaging staging = new LifecycleStaging(thresholds);
    List<StageChange> changes = new ArrayList<>();
    Map<LifecycleStage, Integer> stages = new LinkedHashMap<>();
    for (ProfileInputs profile : shop.profiles().values()) {
      LifecycleFacts facts =
          new LifecycleFacts(
              profile.profileId(), profile.reachable(), shop.ordersOf(profile.profileId()));
      LifecycleAssessment assessment = staging.assess(facts, shop.asOf(), profile.stored().stage());
      assessment.change().ifPresent(changes::add);
      stages.merge(assessment.stage(), 1, Integer::sum);
    }
    int announced = announcements.announce(worthAnnouncing(changes));
    results.saveStages(changes);
    Map<String, Object> figures = new LinkedHashMap<>();
    stages.forEach((stage, count) -> figures.put(stage.value(), count));
    return new StepOutcome(name(), changes.size(), announced, figures);
  }

  /**
   * Every change is announced except a profile's first stage being {@code visitor}: an anonymous
   * browser being seen is not news, and every new device would otherwise add an event.
   */
  static List<StageChange> worthAnnouncing(List<StageChange> changes) {
    List<StageChange> announced = new ArrayList<>(changes.size());
    for (StageChange change : changes) {
      if (change.from().isPresent() || change.to() != LifecycleStage.VISITOR) {
        announced.add(change);
      }
    }
    return announced;
  }

  private static long days(java.time.Duration duration) {
    return Math.round(duration.getSeconds() / 86_400.0);
  }
}
