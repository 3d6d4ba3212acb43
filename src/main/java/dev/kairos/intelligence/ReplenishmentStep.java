package dev.kairos.intelligence;

import dev.kairos.intelligence.replenishment.ReplenishmentDue;
import dev.kairos.intelligence.replenishment.ReplenishmentIntervals;
import dev.kairos.intelligence.replenishment.ReplenishmentSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Learns each product's reorder interval and each person's due date per product. */
public final class ReplenishmentStep implements RecomputeStep {

  /** Where intervals and due dates are kept. */
  public interface Results {
    void replaceIntervals(ReplenishmentIntervals intervals, Instant asOf);

    ReplenishmentIntervals intervals();

    /** Replaces every due date of the shop. */
    void replaceAllDueDates(List<ReplenishmentDue> due);

    /** Replaces the due dates of the given profiles. */
    void replaceDueDates(Collection<UUID> profileIds, List<ReplenishmentDue> due);
  }

  private final ReplenishmentSettings settings;
  private final Results results;

  public ReplenishmentStep(ReplenishmentSettings settings, Results results) {
    this.settings = settings;
    this.results = results;
  }

  @Override
  public String name() {
    return "replenishment";
  }

  @Override
  public StepOutcome recomputeAll(ShopHistory shop) {
    ReplenishmentIntervals intervals = ReplenishmentIntervals.learn(shop.orders(), settings);
    results.replaceIntervals(intervals, shop.asOf());
    List<ReplenishmentDue> due = dueDates(shop, intervals);
    results.replaceAllDueDates(due);
    return new StepOutcome(
        name(),
        profilesWith(due),
        0,
        Map.of("products_with_interval", intervals.all().size(), "due_dates", due.size()));
  }

  @Override
  public StepOutcome rescore(ShopHistory changed) {
    ReplenishmentIntervals intervals = results.intervals();
    List<ReplenishmentDue> due = dueDates(changed, intervals);
    results.replaceDueDates(changed.profiles().keySet(), due);
    return new StepOutcome(name(), profilesWith(due), 0, Map.of("due_dates", due.size()));
  }

  private static List<ReplenishmentDue> dueDates(
      ShopHistory shop, ReplenishmentIntervals intervals) {
    List<ReplenishmentDue> due = new ArrayList<>();
    if (intervals.all().isEmpty()) {
      return due;
    }
    for (UUID id : shop.profiles().keySet()) {
      due.addAll(intervals.dueDates(id, shop.ordersOf(id)));
    }
    return due;
  }

  private static int profilesWith(List<ReplenishmentDue> due) {
    return (int) due.stream().map(ReplenishmentDue::profileId).distinct().count();
  }
}
