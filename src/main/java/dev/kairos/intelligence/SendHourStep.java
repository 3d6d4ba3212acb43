package dev.kairos.intelligence;

import dev.kairos.intelligence.rfm.CustomerOrder;
import dev.kairos.intelligence.sendtime.BestSendHour;
import dev.kairos.intelligence.sendtime.Engagement;
import dev.kairos.intelligence.sendtime.EngagementKind;
import dev.kairos.intelligence.sendtime.PersonEngagement;
import dev.kairos.intelligence.sendtime.SendHourEstimate;
import dev.kairos.intelligence.sendtime.SendHourSettings;
import dev.kairos.intelligence.sendtime.ShopHourDistribution;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Estimates every profile's best local send hour from its opens, clicks and orders, with the
 * shop-wide distribution as fallback and prior.
 */
public final class SendHourStep implements RecomputeStep {

  /** Where the shop-wide distribution and the hours are kept. */
  public interface Results {
    void saveDistribution(ShopHourDistribution distribution, Instant asOf);

    Optional<ShopHourDistribution> latestDistribution();

    void saveHours(Map<UUID, SendHourEstimate> changes);
  }

  private final SendHourSettings settings;
  private final Results results;

  public SendHourStep(SendHourSettings settings, Results results) {
    this.settings = settings;
    this.results = results;
  }

  @Override
  public String name() {
    return "send_hour";
  }

  @Override
  public StepOutcome recomputeAll(ShopHistory shop) {
    List<PersonEngagement> people = people(shop);
    ShopHourDistribution distribution = ShopHourDistribution.of(people, shop.asOf(), settings);
    results.saveDistribution(distribution, shop.asOf());
    StepOutcome outcome = estimate(shop, people, distribution);
    Map<String, Object> figures = new LinkedHashMap<>(outcome.figures());
    figures.put("shop_peak_hour", distribution.peakHour());
    figures.put("people_with_engagement", distribution.people());
    return new StepOutcome(name(), outcome.profilesChanged(), 0, figures);
  }

  @Override
  public StepOutcome rescore(ShopHistory changed) {
    ShopHourDistribution distribution =
        results
            .latestDistribution()
            .orElseGet(() -> ShopHourDistribution.uniform(settings.defaultHour()));
    return estimate(changed, people(changed), distribution);
  }

  private StepOutcome estimate(
      ShopHistory shop, List<PersonEngagement> people, ShopHourDistribution distribution) {
    BestSendHour best = new BestSendHour(settings, distribution);
    Map<UUID, SendHourEstimate> changes = new LinkedHashMap<>();
    int personal = 0;
    for (PersonEngagement person : people) {
      SendHourEstimate estimate = best.estimate(person, shop.asOf());
      boolean isPersonal = estimate instanceof SendHourEstimate.Personal;
      personal += isPersonal ? 1 : 0;
      ProfileInputs.Stored stored = shop.profiles().get(person.profileId()).stored();
      if (!stored.bestSendHour().equals(Optional.of(estimate.hour()))
          || stored.bestSendHourPersonal() != isPersonal) {
        changes.put(person.profileId(), estimate);
      }
    }
    results.saveHours(changes);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("personal", personal);
    figures.put("shop_wide", people.size() - personal);
    return new StepOutcome(name(), changes.size(), 0, figures);
  }

  private static List<PersonEngagement> people(ShopHistory shop) {
    List<PersonEngagement> people = new ArrayList<>(shop.profiles().size());
    for (ProfileInputs profile : shop.profiles().values()) {
      List<Engagement> engagements = new ArrayList<>(profile.engagements());
      for (CustomerOrder order : shop.ordersOf(profile.profileId())) {
        engagements.add(new Engagement(EngagementKind.ORDER, order.placedAt()));
      }
      people.add(new PersonEngagement(profile.profileId(), profile.zone(), engagements));
    }
    return people;
  }
}
