package dev.kairos.intelligence.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A coffee shop: six regulars buy coffee and filters every 30 days, so both products have a 30-day
 * repurchase interval. Pat bought coffee 60 and 30 days ago (due now) and filters 31 days ago and
 * yesterday (not due for a month).
 */
class BuyAgainAndForYouTest {
  private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");
  private final List<Interaction> interactions = new ArrayList<>();
  private int order;

  BuyAgainAndForYouTest() {
    for (int regular = 1; regular <= 6; regular++) {
      for (int month = 1; month <= 3; month++) {
        buy("regular-" + regular, days(30 * month + regular), "coffee", "filter");
      }
    }
    buy("pat", days(60), "coffee");
    buy("pat", days(30), "coffee");
    buy("pat", days(31), "filter");
    buy("pat", days(1), "filter");
    for (int i = 0; i < 8; i++) {
      buy(null, days(2), "mug");
    }
  }

  private static Instant days(int ago) {
    return NOW.minus(Duration.ofDays(ago));
  }

  private void buy(String person, Instant time, String... products) {
    order++;
    for (String product : products) {
      interactions.add(Interaction.purchase(person, product, time, 1, "o" + order));
    }
  }

  private Recommender build(RecommenderConfig config) {
    return Recommender.build(interactions, Catalog.openCatalog(List.of()), config, NOW);
  }

  private static List<String> ids(List<Recommendation> recommendations) {
    return recommendations.stream().map(Recommendation::productId).toList();
  }

  @Test
  void a_consumable_due_now_ranks_above_one_bought_yesterday() {
    List<Recommendation> again =
        build(RecommenderConfig.defaults()).recommend(Strategy.BUY_AGAIN, person("pat"), 2);

    assertThat(ids(again)).containsExactly("coffee", "filter");
    assertThat(again.get(0).reason()).isEqualTo(new Reason.BoughtBefore("coffee"));
    assertThat(again).noneMatch(Recommendation::fallback);
  }

  @Test
  void without_the_repurchase_interval_the_one_bought_yesterday_would_come_first() {
    RecommenderConfig noDue = RecommenderConfig.defaults();
    ForYouWeights w = noDue.forYou();
    noDue =
        noDue.withForYou(
            new ForYouWeights(
                w.frequencyExponent(),
                w.repeatHalfLife(),
                0,
                w.unitsWeight(),
                w.repeatRateExponent(),
                w.repeat(),
                w.related(),
                w.popular(),
                w.sameCustomers(),
                w.trendingHalfLife(),
                w.trending()));

    assertThat(ids(build(noDue).recommend(Strategy.BUY_AGAIN, person("pat"), 2)))
        .containsExactly("filter", "coffee");
  }

  @Test
  void buy_again_lists_only_past_products_and_fills_the_rest_with_marked_fallbacks() {
    List<Recommendation> again =
        build(RecommenderConfig.defaults()).recommend(Strategy.BUY_AGAIN, person("pat"), 3);

    assertThat(ids(again)).containsExactly("coffee", "filter", "mug");
    assertThat(again.get(2).fallback()).isTrue();
  }

  @Test
  void for_you_ranks_past_and_new_products_together_and_new_products_only_leaves_past_ones_out() {
    Recommender model = build(RecommenderConfig.defaults());

    assertThat(ids(model.recommend(Strategy.FOR_YOU, person("pat"), 3)))
        .startsWith("coffee")
        .contains("filter");
    assertThat(ids(model.recommendNew(Strategy.FOR_YOU, person("pat"), 3)))
        .doesNotContain("coffee", "filter")
        .contains("mug");
  }

  @Test
  void someone_without_history_gets_the_new_customer_list_marked_as_not_personal() {
    Recommender model = build(RecommenderConfig.defaults());
    List<Recommendation> list = model.recommend(Strategy.FOR_YOU, person("stranger"), 3);

    // the mug: eight guest orders two days ago; coffee and filter: seven customers each, filter
    // bought yesterday by one of them
    assertThat(ids(list)).containsExactly("mug", "filter", "coffee");
    assertThat(list).allMatch(Recommendation::fallback);
  }

  @Test
  void a_new_customer_gets_what_most_customers_bought_lately_not_what_one_wholesaler_reorders() {
    List<Interaction> shop = new ArrayList<>();
    for (int week = 0; week < 20; week++) {
      shop.add(Interaction.purchase("wholesaler", "crate", days(1 + week), 50, "w" + week));
    }
    for (int i = 0; i < 6; i++) {
      shop.add(Interaction.purchase("household-" + i, "candle", days(3 + i), 1, "h" + i));
    }
    Recommender model =
        Recommender.build(shop, Catalog.openCatalog(List.of()), RecommenderConfig.defaults(), NOW);

    // twenty orders of one customer against six customers' orders
    assertThat(ids(model.recommend(Strategy.POPULAR, new Subject.Anyone(), 2)))
        .containsExactly("crate", "candle");
    assertThat(ids(model.recommend(Strategy.FOR_YOU, person("stranger"), 2)))
        .containsExactly("candle", "crate");
  }

  @Test
  void a_handful_of_new_orders_does_not_outrank_a_whole_history() {
    List<Interaction> shop = new ArrayList<>();
    Instant longAgo = Instant.parse("2011-06-01T00:00:00Z");
    for (int i = 0; i < 50; i++) {
      shop.add(
          Interaction.purchase("c" + i, "classic", longAgo.plusSeconds(3600L * i), 1, "h" + i));
    }
    for (int i = 0; i < 5; i++) {
      shop.add(Interaction.purchase("t" + i, "novelty", NOW.minusSeconds(60L * i), 1, "t" + i));
    }
    Catalog open = Catalog.openCatalog(List.of());
    RecommenderConfig defaults = RecommenderConfig.defaults();

    assertThat(
            ids(
                Recommender.build(shop, open, defaults, NOW)
                    .recommend(Strategy.POPULAR, new Subject.Anyone(), 2)))
        .containsExactly("classic", "novelty");
    // recency alone (no memory of the shop's history) lets the five test orders win
    assertThat(
            ids(
                Recommender.build(shop, open, defaults.withPopularityMemory(0), NOW)
                    .recommend(Strategy.POPULAR, new Subject.Anyone(), 2)))
        .containsExactly("novelty", "classic");
    // nor in the new-customer list, which counts customers
    assertThat(
            ids(
                Recommender.build(shop, open, defaults, NOW)
                    .recommend(Strategy.FOR_YOU, person("stranger"), 2)))
        .containsExactly("classic", "novelty");
  }

  private static Subject.Person person(String id) {
    return new Subject.Person(id);
  }
}
