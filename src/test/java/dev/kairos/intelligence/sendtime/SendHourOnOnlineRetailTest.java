package dev.kairos.intelligence.sendtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.intelligence.rfm.CustomerOrder;
import dev.kairos.intelligence.rfm.OnlineRetail;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Best send hours from the Online Retail order times (orders are the only engagement there). */
class SendHourOnOnlineRetailTest {
  private static final Instant NOW = Instant.parse("2011-12-10T00:00:00Z");

  @Test
  void hours_follow_the_shops_office_hours_and_regular_customers_get_their_own() {
    Map<UUID, List<Engagement>> byProfile = new HashMap<>();
    for (CustomerOrder order : OnlineRetail.orders()) {
      byProfile
          .computeIfAbsent(order.profileId(), id -> new ArrayList<>())
          .add(new Engagement(EngagementKind.ORDER, order.placedAt()));
    }
    List<PersonEngagement> people = new ArrayList<>();
    byProfile.forEach(
        (id, list) -> people.add(new PersonEngagement(id, OnlineRetail.SHOP_ZONE, list)));
    SendHourSettings settings = SendHourSettings.defaults();

    ShopHourDistribution shop = ShopHourDistribution.of(people, NOW, settings);
    BestSendHour best = new BestSendHour(settings, shop);
    int[] personalHours = new int[24];
    int personal = 0;
    for (PersonEngagement person : people) {
      SendHourEstimate estimate = best.estimate(person, NOW);
      assertThat(estimate.hour()).isBetween(0, 23);
      if (estimate instanceof SendHourEstimate.Personal p) {
        personal++;
        personalHours[p.hour()]++;
      }
    }
    StringBuilder shares = new StringBuilder();
    for (int h = 0; h < 24; h++) {
      shares.append(String.format(" %d=%.1f%%", h, 100 * shop.share(h)));
    }
    System.out.println("shop peak " + shop.peakHour() + "; shares:" + shares);
    System.out.println(
        "personal estimates: "
            + personal
            + " of "
            + people.size()
            + "; by hour: "
            + java.util.Arrays.toString(personalHours));

    // a wholesaler's customers order in office hours: invoices run 06:00–20:00
    assertThat(shop.peakHour()).isBetween(10, 15);
    double office = 0;
    for (int h = 8; h <= 17; h++) {
      office += shop.share(h);
    }
    assertThat(office).isGreaterThan(0.9);
    // at weight 2 per order, customers with three or more orders get a personal hour
    assertThat(personal).isBetween(people.size() / 4, people.size() * 3 / 4);
    int distinctHours = 0;
    for (int count : personalHours) {
      distinctHours += count > 0 ? 1 : 0;
    }
    assertThat(distinctHours).isGreaterThan(4); // personal, not everyone at the shop's hour
  }
}
