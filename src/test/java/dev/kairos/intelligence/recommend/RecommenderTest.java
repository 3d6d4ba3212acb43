package dev.kairos.intelligence.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A small hand-made shop whose neighbours can be worked out on paper:
 *
 * <ul>
 *   <li>mug and coaster are bought together in three orders, mug and teapot in one: only the mug
 *       and coaster pair has the minimum support of two baskets;
 *   <li>teapot and tea are bought together twice;
 *   <li>candle is bought alone, often: it is the most popular product;
 *   <li>ann viewed lamp then shade within ten minutes, twice; bob viewed lamp, and shade two hours
 *       later (two sessions, no co-view).
 * </ul>
 */
class RecommenderTest {
  private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");
  private final List<Interaction> interactions = new ArrayList<>();
  private int order;

  RecommenderTest() {
    buy("ann", days(40), "mug", "coaster", "teapot");
    buy("bob", days(30), "mug", "coaster");
    buy("cat", days(20), "mug", "coaster");
    buy("dan", days(10), "teapot", "tea");
    buy("eve", days(5), "teapot", "tea");
    for (int i = 0; i < 6; i++) {
      buy(null, days(3), "candle");
    }
    view("ann", days(2), "lamp");
    view("ann", days(2).plusSeconds(600), "shade");
    view("ann", days(1), "lamp");
    view("ann", days(1).plusSeconds(300), "shade");
    view("bob", days(2), "lamp");
    view("bob", days(2).plus(Duration.ofHours(2)), "shade");
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

  private void view(String person, Instant time, String product) {
    interactions.add(Interaction.view(person, product, time));
  }

  private Recommender build(Catalog catalog) {
    return Recommender.build(interactions, catalog, RecommenderConfig.defaults(), NOW);
  }

  private Recommender build() {
    return build(Catalog.openCatalog(List.of()));
  }

  private static List<String> ids(List<Recommendation> recommendations) {
    return recommendations.stream().map(Recommendation::productId).toList();
  }

  @Test
  void productsBoughtTogetherInAtLeastTwoBasketsAreNeighbours() {
    Recommender r = build();

    assertThat(r.boughtTogetherWith("mug"))
        .extracting(Recommender.Neighbour::productId)
        .containsExactly("coaster");
    assertThat(r.boughtTogetherWith("teapot"))
        .extracting(Recommender.Neighbour::productId)
        .containsExactly("tea");
    assertThat(r.boughtTogetherWith("candle")).isEmpty();
  }

  @Test
  void similarityIsTheSameInBothDirections() {
    Recommender r = build();

    assertThat(r.boughtTogetherWith("mug").get(0).similarity())
        .isEqualTo(r.boughtTogetherWith("coaster").get(0).similarity())
        .isPositive();
  }

  @Test
  void frequentlyBoughtTogetherNamesTheCartProductItFollowsAndThenFallsBackToPopularity() {
    List<Recommendation> result =
        build().recommend(Strategy.FREQUENTLY_BOUGHT_TOGETHER, Subject.Cart.of("mug"), 3);

    assertThat(ids(result)).containsExactly("coaster", "candle", "teapot");
    assertThat(result.get(0).reason()).isEqualTo(new Reason.BoughtTogetherWith("mug"));
    assertThat(result.get(0).fallback()).isFalse();
    assertThat(result.get(1).fallback()).isTrue();
    assertThat(result.get(1).strategy()).isEqualTo(Strategy.POPULAR);
  }

  @Test
  void theCartsOwnProductsAreNeverRecommended() {
    List<Recommendation> result =
        build()
            .recommend(Strategy.FREQUENTLY_BOUGHT_TOGETHER, Subject.Cart.of("mug", "coaster"), 10);

    assertThat(ids(result)).doesNotContain("mug", "coaster");
  }

  @Test
  void outOfStockAndUnavailableProductsAreNeverRecommended() {
    Catalog catalog =
        Catalog.openCatalog(
            List.of(
                CatalogEntry.product("coaster", null).outOfStock(),
                CatalogEntry.product("candle", null).unavailable()));

    List<Recommendation> result =
        build(catalog).recommend(Strategy.FREQUENTLY_BOUGHT_TOGETHER, Subject.Cart.of("mug"), 10);

    assertThat(ids(result)).doesNotContain("coaster", "candle").isNotEmpty();
  }

  @Test
  void aClosedCatalogNeverRecommendsUnlistedProducts() {
    Catalog catalog = Catalog.closedCatalog(List.of(CatalogEntry.product("tea", null)));

    assertThat(ids(build(catalog).recommend(Strategy.POPULAR, new Subject.Anyone(), 10)))
        .containsExactly("tea");
  }

  @Test
  void whatThePersonBoughtIsExcludedUnlessConsumable() {
    Subject bob = new Subject.Person("bob");
    assertThat(ids(build().recommend(Strategy.POPULAR, bob, 10))).doesNotContain("mug", "coaster");

    Catalog mugsAreConsumable =
        Catalog.openCatalog(List.of(CatalogEntry.product("mug", null).asConsumable()));
    assertThat(ids(build(mugsAreConsumable).recommend(Strategy.POPULAR, bob, 10)))
        .contains("mug")
        .doesNotContain("coaster");
  }

  @Test
  void basedOnYourHistoryFollowsWhatThePersonBought() {
    List<Recommendation> result =
        build().recommend(Strategy.BASED_ON_YOUR_HISTORY, new Subject.Person("dan"), 2);

    // dan bought teapot and tea, whose only neighbours are each other: popularity fills in
    assertThat(result.get(0).productId()).isEqualTo("candle");
    assertThat(result.get(0).fallback()).isTrue();
    view("gus", days(1), "lamp");
    List<Recommendation> forGus =
        build().recommend(Strategy.BASED_ON_YOUR_HISTORY, new Subject.Person("gus"), 1);
    assertThat(forGus.get(0).productId()).isEqualTo("shade");
    assertThat(forGus.get(0).fallback()).isFalse();
    assertThat(forGus.get(0).reason()).isEqualTo(new Reason.BecauseOfYourInterestIn("lamp"));
  }

  @Test
  void viewsWithinTheSessionGapAreViewedTogetherAndViewsFurtherApartAreNot() {
    Recommender r = build();

    assertThat(r.viewedTogetherWith("lamp"))
        .extracting(Recommender.Neighbour::productId)
        .containsExactly("shade");
    List<Recommendation> result =
        r.recommend(Strategy.CUSTOMERS_ALSO_VIEWED, Subject.Product.of("lamp"), 1);
    assertThat(result.get(0).productId()).isEqualTo("shade");
    assertThat(result.get(0).reason()).isEqualTo(new Reason.ViewedTogetherWith("lamp"));

    RecommenderConfig longSessions = RecommenderConfig.defaults();
    interactions.removeIf(i -> "ann".equals(i.personId()) && i.kind() == InteractionKind.VIEW);
    Recommender onlyBob =
        Recommender.build(interactions, Catalog.openCatalog(List.of()), longSessions, NOW);
    assertThat(onlyBob.viewedTogetherWith("lamp")).isEmpty();
  }

  @Test
  void popularInCategoryRanksWithinTheCategoryThenFallsBack() {
    Catalog catalog =
        Catalog.openCatalog(
            List.of(
                CatalogEntry.product("teapot", "tea"),
                CatalogEntry.product("tea", "tea"),
                CatalogEntry.product("candle", "home")));

    List<Recommendation> result =
        build(catalog).recommend(Strategy.POPULAR_IN_CATEGORY, Subject.Category.of("tea"), 3);

    assertThat(ids(result)).containsExactly("teapot", "tea", "candle");
    assertThat(result.get(0).reason()).isEqualTo(new Reason.PopularInCategory("tea"));
    assertThat(result.get(2).fallback()).isTrue();
  }

  @Test
  void nextBestOfferForAStrangerIsPopularityMarkedAsFallback() {
    List<Recommendation> result =
        build().recommend(Strategy.NEXT_BEST_OFFER, new Subject.Person("nobody"), 1);

    assertThat(result).singleElement().satisfies(r -> assertThat(r.fallback()).isTrue());
    assertThat(result.get(0).productId()).isEqualTo("candle");
  }

  @Test
  void nextBestOfferPrefersWhatTheHistoryPointsTo() {
    buy("fay", days(1), "mug");

    List<Recommendation> result =
        build().recommend(Strategy.NEXT_BEST_OFFER, new Subject.Person("fay"), 1);

    assertThat(ids(result)).containsExactly("coaster");
    assertThat(result.get(0).fallback()).isFalse();
  }

  @Test
  void interactionsAfterTheModelDateAreIgnored() {
    Recommender asOfLastMonth =
        Recommender.build(
            interactions, Catalog.openCatalog(List.of()), RecommenderConfig.defaults(), days(25));

    assertThat(asOfLastMonth.boughtTogetherWith("teapot")).isEmpty();
    assertThat(asOfLastMonth.purchasedBy("dan")).isEmpty();
  }

  @Test
  void aNewCatalogTakesEffectWithoutRebuilding() {
    Recommender r = build();
    Recommender coastersGone =
        r.withCatalog(
            Catalog.openCatalog(List.of(CatalogEntry.product("coaster", null).outOfStock())));

    assertThat(
            ids(
                coastersGone.recommend(
                    Strategy.FREQUENTLY_BOUGHT_TOGETHER, Subject.Cart.of("mug"), 10)))
        .doesNotContain("coaster");
    assertThat(coastersGone.boughtTogetherWith("mug")).isEqualTo(r.boughtTogetherWith("mug"));
  }

  @Test
  void frequentlyBoughtTogetherForAPersonStartsFromTheirLastOrder() {
    buy("fay", days(9), "teapot");
    buy("fay", days(1), "mug");

    List<Recommendation> result =
        build().recommend(Strategy.FREQUENTLY_BOUGHT_TOGETHER, new Subject.Person("fay"), 1);

    assertThat(ids(result)).containsExactly("coaster");
  }

  @Test
  void aStrategyRefusesASubjectItCannotUse() {
    assertThatThrownBy(
            () -> build().recommend(Strategy.CUSTOMERS_ALSO_VIEWED, new Subject.Person("ann"), 5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
