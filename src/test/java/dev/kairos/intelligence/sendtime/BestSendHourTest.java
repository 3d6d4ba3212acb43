package dev.kairos.intelligence.sendtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BestSendHourTest {
  private static final Instant NOW = Instant.parse("2024-06-30T00:00:00Z");
  private static final ZoneId LONDON = ZoneId.of("Europe/London");
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
  private final SendHourSettings settings = SendHourSettings.defaults();

  private static Engagement at(EngagementKind kind, ZoneId zone, String localDateTime) {
    return new Engagement(kind, LocalDateTime.parse(localDateTime).atZone(zone).toInstant());
  }

  /** {@code count} opens at {@code hour}:15 local, one per day going back from NOW. */
  private static List<Engagement> opens(ZoneId zone, int hour, int count) {
    List<Engagement> list = new ArrayList<>();
    for (int d = 1; d <= count; d++) {
      LocalDateTime local = NOW.atZone(zone).toLocalDate().minusDays(d).atTime(hour, 15);
      list.add(new Engagement(EngagementKind.OPEN, local.atZone(zone).toInstant()));
    }
    return list;
  }

  private static PersonEngagement person(int id, ZoneId zone, List<Engagement> engagements) {
    return new PersonEngagement(new UUID(0, id), zone, engagements);
  }

  /** A shop whose people engage around 20:00 local. */
  private ShopHourDistribution eveningShop() {
    List<PersonEngagement> people = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      people.add(person(100 + i, LONDON, opens(LONDON, 19 + i % 3, 4)));
    }
    return ShopHourDistribution.of(people, NOW, settings);
  }

  @Test
  void a_person_with_too_little_history_gets_the_shop_wide_hour() {
    ShopHourDistribution shop = eveningShop();
    assertThat(shop.peakHour()).isEqualTo(20);
    BestSendHour best = new BestSendHour(settings, shop);

    SendHourEstimate estimate = best.estimate(person(1, LONDON, opens(LONDON, 7, 4)), NOW);

    assertThat(estimate).isEqualTo(new SendHourEstimate.ShopWide(20, 4.0));
  }

  @Test
  void a_person_with_enough_history_gets_their_own_hour_in_their_time_zone() {
    BestSendHour best = new BestSendHour(settings, eveningShop());

    // 07:15 in Tokyo is 22:15 UTC the day before
    SendHourEstimate estimate = best.estimate(person(1, TOKYO, opens(TOKYO, 7, 12)), NOW);

    assertThat(estimate).isInstanceOf(SendHourEstimate.Personal.class);
    assertThat(estimate.hour()).isEqualTo(7);
  }

  @Test
  void clicks_and_orders_weigh_more_than_opens() {
    BestSendHour best = new BestSendHour(settings, ShopHourDistribution.uniform(10));
    List<Engagement> history = new ArrayList<>(opens(LONDON, 6, 5)); // proxy-style early opens
    history.add(at(EngagementKind.CLICK, LONDON, "2024-06-20T18:05:00"));
    history.add(at(EngagementKind.ORDER, LONDON, "2024-06-20T18:40:00"));
    history.add(at(EngagementKind.CLICK, LONDON, "2024-06-21T18:10:00"));

    SendHourEstimate estimate = best.estimate(person(1, LONDON, history), NOW);

    assertThat(estimate.hour()).isEqualTo(18); // weight 6 at 18:00 against 5 at 06:00
    assertThat(estimate).isEqualTo(new SendHourEstimate.Personal(18, 11.0));
  }

  @Test
  void the_shop_distribution_breaks_an_even_personal_split() {
    List<PersonEngagement> people = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      people.add(person(100 + i, LONDON, opens(LONDON, 21, 3)));
    }
    BestSendHour best = new BestSendHour(settings, ShopHourDistribution.of(people, NOW, settings));
    List<Engagement> history = new ArrayList<>(opens(LONDON, 7, 4));
    history.addAll(opens(LONDON, 21, 4));

    assertThat(best.estimate(person(1, LONDON, history), NOW).hour()).isEqualTo(21);
  }

  @Test
  void hours_are_local_across_daylight_saving_time() {
    BestSendHour best = new BestSendHour(settings, ShopHourDistribution.uniform(10));
    List<Engagement> history = new ArrayList<>();
    for (String day :
        List.of(
            "2024-01-10", "2024-02-10", "2024-03-10", "2024-04-10", "2024-05-10", "2024-06-10")) {
      history.add(at(EngagementKind.OPEN, LONDON, day + "T08:30:00"));
    }
    assertThat(best.estimate(person(1, LONDON, history), NOW).hour()).isEqualTo(8);
  }

  @Test
  void engagements_before_the_lookback_or_after_now_do_not_count() {
    BestSendHour best = new BestSendHour(settings, eveningShop());
    List<Engagement> history = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      history.add(new Engagement(EngagementKind.CLICK, NOW.minus(Duration.ofDays(400 + d))));
      history.add(new Engagement(EngagementKind.CLICK, NOW.plus(Duration.ofDays(1 + d))));
    }
    assertThat(best.estimate(person(1, LONDON, history), NOW))
        .isEqualTo(new SendHourEstimate.ShopWide(20, 0.0));
  }

  @Test
  void every_person_counts_once_in_the_shop_distribution() {
    List<PersonEngagement> people = new ArrayList<>();
    people.add(person(1, LONDON, opens(LONDON, 3, 300))); // one very active night owl
    for (int i = 0; i < 3; i++) {
      people.add(person(10 + i, LONDON, opens(LONDON, 12, 2)));
    }
    ShopHourDistribution shop = ShopHourDistribution.of(people, NOW, settings);
    assertThat(shop.peakHour()).isEqualTo(12);
    assertThat(shop.people()).isEqualTo(4);
    double sum = 0;
    for (int h = 0; h < 24; h++) {
      sum += shop.share(h);
    }
    assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void a_stored_distribution_restores_to_the_same_estimates() {
    ShopHourDistribution shop = eveningShop();
    ShopHourDistribution restored =
        ShopHourDistribution.restore(shop.shares(), shop.peakHour(), shop.people());
    PersonEngagement ann = person(1, LONDON, opens(LONDON, 9, 6));
    assertThat(new BestSendHour(settings, restored).hourProbabilities(ann, NOW))
        .containsExactly(new BestSendHour(settings, shop).hourProbabilities(ann, NOW));
  }

  @Test
  void a_shop_without_engagement_falls_back_to_the_default_hour() {
    ShopHourDistribution shop = ShopHourDistribution.of(List.of(), NOW, settings);
    assertThat(shop.peakHour()).isEqualTo(settings.defaultHour());
  }
}
