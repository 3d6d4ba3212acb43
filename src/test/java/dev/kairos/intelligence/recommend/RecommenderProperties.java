package dev.kairos.intelligence.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Invariants that hold for any shop, any history and any catalog. */
class RecommenderProperties {
  private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");
  private static final int PRODUCTS = 12;
  private static final int PERSONS = 6;

  /** One generated event: person (or -1 guest), product, view?, minutes ago, order number. */
  record Event(int person, int product, boolean view, int minutesAgo, int order) {}

  /** Per product: 0 ordinary, 1 out of stock, 2 unavailable, 3 consumable. */
  record Shop(List<Event> events, List<Integer> status) {}

  @Provide
  Arbitrary<Shop> shops() {
    Arbitrary<Event> event =
        Combinators.combine(
                Arbitraries.integers().between(-1, PERSONS - 1),
                Arbitraries.integers().between(0, PRODUCTS - 1),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 60 * 24 * 200),
                Arbitraries.integers().between(0, 15))
            .as(Event::new);
    Arbitrary<List<Integer>> status = Arbitraries.integers().between(0, 3).list().ofSize(PRODUCTS);
    return Combinators.combine(event.list().ofMinSize(1).ofMaxSize(120), status).as(Shop::new);
  }

  private static Recommender build(Shop shop, int neighbours) {
    List<Interaction> interactions = new ArrayList<>();
    for (Event e : shop.events()) {
      String person = e.person() < 0 ? null : "p" + e.person();
      Instant time = NOW.minus(Duration.ofMinutes(e.minutesAgo()));
      String product = "i" + e.product();
      interactions.add(
          e.view()
              ? Interaction.view(person, product, time)
              : Interaction.purchase(person, product, time, 1, "o" + e.order()));
    }
    List<CatalogEntry> entries = new ArrayList<>();
    for (int i = 0; i < PRODUCTS; i++) {
      CatalogEntry entry = CatalogEntry.product("i" + i, i % 2 == 0 ? "even" : "odd");
      entries.add(
          switch (shop.status().get(i)) {
            case 1 -> entry.outOfStock();
            case 2 -> entry.unavailable();
            case 3 -> entry.asConsumable();
            default -> entry;
          });
    }
    RecommenderConfig config =
        RecommenderConfig.defaults().withNeighbours(neighbours).withMinCoOccurrences(1);
    return Recommender.build(interactions, Catalog.openCatalog(entries), config, NOW);
  }

  private static List<Subject> subjects() {
    List<Subject> subjects = new ArrayList<>();
    for (int p = 0; p < PERSONS; p++) {
      subjects.add(new Subject.Person("p" + p));
      subjects.add(new Subject.Cart("p" + p, List.of("i" + p, "i" + (p + 3))));
      subjects.add(new Subject.Product("p" + p, "i" + p));
      subjects.add(new Subject.Category("p" + p, p % 2 == 0 ? "even" : "odd"));
    }
    subjects.add(new Subject.Anyone());
    return subjects;
  }

  @Property(tries = 200)
  void recommendationsNeverContainExcludedProductsAndAreAtMostKDistinct(
      @ForAll("shops") Shop shop,
      @ForAll @IntRange(min = 0, max = 15) int k,
      @ForAll @IntRange(min = 1, max = 5) int neighbours) {
    Recommender r = build(shop, neighbours);
    for (Subject subject : subjects()) {
      Set<String> bought = new HashSet<>();
      if (subject.personId() != null) {
        bought.addAll(r.purchasedBy(subject.personId()));
      }
      for (Strategy strategy : Strategy.values()) {
        if (!strategy.accepts(subject)) {
          continue;
        }
        List<String> ids =
            r.recommend(strategy, subject, k).stream().map(Recommendation::productId).toList();
        assertThat(ids).hasSizeLessThanOrEqualTo(k).doesNotHaveDuplicates();
        for (String id : ids) {
          int status = shop.status().get(Integer.parseInt(id.substring(1)));
          assertThat(status).as("%s is out of stock or unavailable", id).isNotIn(1, 2);
          if (status != 3 && !strategy.repeatsPurchases()) {
            assertThat(bought).as("%s was bought by %s", id, subject).doesNotContain(id);
          }
        }
        List<String> fresh =
            r.recommendNew(strategy, subject, k).stream().map(Recommendation::productId).toList();
        assertThat(fresh).hasSizeLessThanOrEqualTo(k).doesNotHaveDuplicates();
        for (String id : fresh) {
          assertThat(bought).as("new product %s for %s", id, subject).doesNotContain(id);
        }
        if (subject instanceof Subject.Cart cart) {
          assertThat(ids).doesNotContainAnyElementsOf(cart.productIds());
        }
      }
    }
  }

  @Property(tries = 200)
  void neighbourListsAreSortedAtMostKAndSimilarityIsSymmetric(
      @ForAll("shops") Shop shop, @ForAll @IntRange(min = 1, max = 15) int neighbours) {
    Recommender r = build(shop, neighbours);
    for (int i = 0; i < PRODUCTS; i++) {
      List<Recommender.Neighbour> list = r.boughtTogetherWith("i" + i);
      assertThat(list).hasSizeLessThanOrEqualTo(neighbours);
      for (int n = 1; n < list.size(); n++) {
        assertThat(list.get(n).similarity()).isLessThanOrEqualTo(list.get(n - 1).similarity());
      }
      String self = "i" + i;
      for (Recommender.Neighbour neighbour : list) {
        assertThat(neighbour.productId()).isNotEqualTo(self);
        r.boughtTogetherWith(neighbour.productId()).stream()
            .filter(back -> back.productId().equals(self))
            .forEach(back -> assertThat(back.similarity()).isEqualTo(neighbour.similarity()));
      }
    }
  }

  @Property(tries = 100)
  void withEnoughNeighboursEveryPairSeenTogetherIsListedBothWays(@ForAll("shops") Shop shop) {
    Recommender r = build(shop, PRODUCTS);
    for (int i = 0; i < PRODUCTS; i++) {
      for (Recommender.Neighbour n : r.boughtTogetherWith("i" + i)) {
        assertThat(r.boughtTogetherWith(n.productId()))
            .extracting(Recommender.Neighbour::productId)
            .contains("i" + i);
      }
    }
  }
}
