package dev.kairos.intelligence.recommend;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Product recommendations built from interactions and a catalog: item-to-item neighbours from
 * co-purchase (baskets) and co-view (sessions), recency-weighted popularity overall and by
 * category, and each person's history. Immutable and safe to share between threads; rebuild (or
 * {@link #withCatalog}) to take new data into account.
 *
 * <p>Build once, then ask {@code recommend(strategy, subject, k)}:
 *
 * <pre>{@code
 * Recommender r = Recommender.build(log, catalog, RecommenderConfig.defaults(), now);
 * r.recommend(Strategy.NEXT_BEST_OFFER, new Subject.Person("17850"), 10);
 * }</pre>
 *
 * <p>Rules every answer follows: it never lists a product that is out of stock or unavailable, one
 * the person already bought (unless consumable), or one of the request's own products (the cart,
 * the viewed product). When the strategy has fewer than k candidates left after those exclusions
 * ("too little data"), the remaining slots are filled, in order, by the most popular products of
 * the subject's main category and then by the most popular products overall; those are marked
 * {@link Recommendation#fallback()}.
 */
public final class Recommender {
  private final RecommenderConfig config;
  private final Instant builtFor;
  private final IdIndex products;
  private final IdIndex persons;
  private final ItemNeighbours boughtTogether;
  private final ItemNeighbours viewedTogether;
  private final ItemNeighbours boughtBySameCustomers;
  private final double[] popularityScore;
  private final Popularity popularity;
  private final PersonHistories histories;
  private final RepurchaseIntervals intervals;
  private final double[] newcomerScore;
  private final Popularity newcomers;
  private final Eligibility eligibility;
  private final Duration buildTime;

  private Recommender(
      RecommenderConfig config,
      Instant builtFor,
      IdIndex products,
      IdIndex persons,
      ItemNeighbours boughtTogether,
      ItemNeighbours viewedTogether,
      ItemNeighbours boughtBySameCustomers,
      double[] popularityScore,
      PersonHistories histories,
      RepurchaseIntervals intervals,
      double[] newcomerScore,
      Eligibility eligibility,
      Duration buildTime) {
    this.config = config;
    this.builtFor = builtFor;
    this.products = products;
    this.persons = persons;
    this.boughtTogether = boughtTogether;
    this.viewedTogether = viewedTogether;
    this.boughtBySameCustomers = boughtBySameCustomers;
    this.popularityScore = popularityScore;
    this.popularity =
        Popularity.rank(popularityScore, eligibility.category, eligibility.categories.size());
    this.histories = histories;
    this.intervals = intervals;
    this.newcomerScore = newcomerScore;
    this.newcomers =
        Popularity.rank(newcomerScore, eligibility.category, eligibility.categories.size());
    this.eligibility = eligibility;
    this.buildTime = buildTime;
  }

  /**
   * Builds the model from every interaction of the log that happened before {@code now} (later ones
   * are ignored, so a model can be built "as of" a past date). Recency weights are relative to
   * {@code now}. The duration is measured with {@link System#nanoTime()} for reporting only.
   */
  public static Recommender build(
      InteractionLog log, Catalog catalog, RecommenderConfig config, Instant now) {
    Objects.requireNonNull(catalog, "catalog");
    long started = System.nanoTime();
    int rows = log.size();
    long nowSecond = now.getEpochSecond();
    IdIndex products = log.products().copy();
    IdIndex persons = log.persons().copy();
    int itemCount = products.size();
    ItemSets baskets = ItemSets.baskets(log, rows, nowSecond, config);
    ItemSets sessions = ItemSets.sessions(log, rows, nowSecond, config);
    ItemNeighbours bought = ItemNeighbours.build(baskets, itemCount, config);
    ItemNeighbours viewed =
        sessions.count == 0
            ? ItemNeighbours.empty(itemCount)
            : ItemNeighbours.build(sessions, itemCount, config);
    ItemNeighbours sameCustomers =
        config.forYou().sameCustomers() <= 0
            ? ItemNeighbours.empty(itemCount)
            : ItemNeighbours.build(
                ItemSets.customers(baskets, persons.size(), itemCount),
                itemCount,
                config.withMaxItemsPerSet(CUSTOMER_SET_LIMIT));
    double[] popularity =
        Popularity.scores(
            baskets, sessions, itemCount, config.viewWeight(), config.popularityMemory());
    PersonHistories histories =
        PersonHistories.build(baskets, sessions, persons.size(), itemCount, config.viewWeight());
    RepurchaseIntervals intervals =
        RepurchaseIntervals.learn(
            baskets, persons.size(), itemCount, REPURCHASE_GAP, REPURCHASE_MIN_BUYERS);
    double[] newcomer =
        newcomerScores(
            baskets,
            persons.size(),
            Popularity.customers(baskets, histories, itemCount, config, nowSecond, NEWCOMER_MEMORY),
            nowSecond,
            config.forYou());
    Eligibility eligibility = Eligibility.resolve(catalog, products);
    return new Recommender(
        config,
        now,
        products,
        persons,
        bought,
        viewed,
        sameCustomers,
        popularity,
        histories,
        intervals,
        newcomer,
        eligibility,
        Duration.ofNanos(System.nanoTime() - started));
  }

  /**
   * Customers who bought more distinct products than this (wholesalers) count for popularity but
   * not for "bought by the same customers": they pair everything with everything.
   */
  private static final int CUSTOMER_SET_LIMIT = 150;

  /**
   * How many customers the shop's all-time shares weigh in the new-customer list: on rolling
   * validation folds before 2011-09-01 (RecommendationTuning) 0 to 50 tie and 100 or 200 lose; the
   * largest that does not lose, so that a handful of new orders cannot outrank a whole history.
   */
  static final double NEWCOMER_MEMORY = 50;

  /** Orders of one product closer together than this are one purchase occasion. */
  private static final Duration REPURCHASE_GAP = Duration.ofDays(1);

  /** A product's own repurchase interval needs this many repeat buyers. */
  private static final int REPURCHASE_MIN_BUYERS = 5;

  /**
   * What someone without history gets: customers / best + trending × first orders / best, where
   * customers is {@link Popularity#customers} (how many customers bought the product lately, each
   * once) and first orders counts customers' first baskets and guest baskets with the trending
   * half-life.
   */
  private static double[] newcomerScores(
      ItemSets baskets,
      int personCount,
      double[] popularity,
      long nowSecond,
      ForYouWeights weights) {
    double[] score = popularity.clone();
    double best = max(popularity);
    if (best <= 0) {
      return score;
    }
    for (int i = 0; i < score.length; i++) {
      score[i] /= best;
    }
    if (weights.trending() > 0) {
      double[] recent =
          Popularity.firstOrders(
              baskets,
              personCount,
              score.length,
              nowSecond,
              weights.trendingHalfLife().toSeconds());
      double bestRecent = max(recent);
      for (int i = 0; i < score.length && bestRecent > 0; i++) {
        score[i] += weights.trending() * recent[i] / bestRecent;
      }
    }
    return score;
  }

  private static double max(double[] values) {
    double max = 0;
    for (double v : values) {
      max = Math.max(max, v);
    }
    return max;
  }

  /** Convenience: builds from a list of interactions. */
  public static Recommender build(
      Iterable<Interaction> interactions, Catalog catalog, RecommenderConfig config, Instant now) {
    InteractionLog log = new InteractionLog();
    log.addAll(interactions);
    return build(log, catalog, config, now);
  }

  /**
   * The same model with a new catalog (stock, availability, categories, consumables changed):
   * O(products), no recomputation of similarities.
   */
  public Recommender withCatalog(Catalog catalog) {
    return new Recommender(
        config,
        builtFor,
        products,
        persons,
        boughtTogether,
        viewedTogether,
        boughtBySameCustomers,
        popularityScore,
        histories,
        intervals,
        newcomerScore,
        Eligibility.resolve(catalog, products),
        buildTime);
  }

  /**
   * The same model scoring {@link Strategy#BUY_AGAIN} and {@link Strategy#FOR_YOU} with other
   * weights (for tuning them on a validation split). The new-customer list and the "bought by the
   * same customers" neighbours are kept as built: their weights take a rebuild.
   */
  public Recommender withForYou(ForYouWeights weights) {
    return new Recommender(
        config.withForYou(weights),
        builtFor,
        products,
        persons,
        boughtTogether,
        viewedTogether,
        boughtBySameCustomers,
        popularityScore,
        histories,
        intervals,
        newcomerScore,
        eligibility,
        buildTime);
  }

  /**
   * Up to {@code k} products for the subject by the strategy, best first.
   *
   * @throws IllegalArgumentException when the strategy does not take this kind of subject
   */
  public List<Recommendation> recommend(Strategy strategy, Subject subject, int k) {
    if (!strategy.accepts(subject)) {
      throw new IllegalArgumentException(strategy + " does not accept " + subject);
    }
    if (k < 0) {
      throw new IllegalArgumentException("k must not be negative");
    }
    return new RecommendationQuery(this, subject, k, false).run(strategy);
  }

  /**
   * Like {@link #recommend}, but never a product the person bought before, whatever the strategy
   * (the "new products only" task: what to offer that they do not have yet).
   */
  public List<Recommendation> recommendNew(Strategy strategy, Subject subject, int k) {
    if (!strategy.accepts(subject)) {
      throw new IllegalArgumentException(strategy + " does not accept " + subject);
    }
    if (k < 0) {
      throw new IllegalArgumentException("k must not be negative");
    }
    return new RecommendationQuery(this, subject, k, true).run(strategy);
  }

  public Instant builtFor() {
    return builtFor;
  }

  public Duration buildTime() {
    return buildTime;
  }

  public RecommenderConfig config() {
    return config;
  }

  /** Products the model knows (from interactions). */
  public int productCount() {
    return products.size();
  }

  /**
   * Products with interactions before the model's date that may be recommended under the current
   * catalog: the denominator of catalog coverage.
   */
  public int recommendableProductCount() {
    int n = 0;
    for (int i = 0; i < products.size(); i++) {
      if (eligibility.recommendable[i] && popularityScore[i] > 0) {
        n++;
      }
    }
    return n;
  }

  /** The products this person bought before the model's date (empty when unknown). */
  public List<String> purchasedBy(String personId) {
    int p = persons.find(personId);
    if (!histories.knows(p)) {
      return List.of();
    }
    ArrayList<String> result = new ArrayList<>();
    for (int q = histories.start[p]; q < histories.start[p + 1]; q++) {
      if (histories.bought[q]) {
        result.add(products.id(histories.item[q]));
      }
    }
    return result;
  }

  /**
   * The neighbours kept for a product by co-purchase, best first, with their similarity (empty when
   * the product is unknown).
   */
  public List<Neighbour> boughtTogetherWith(String productId) {
    return neighbours(boughtTogether, productId);
  }

  /** The neighbours kept for a product by co-view, best first. */
  public List<Neighbour> viewedTogetherWith(String productId) {
    return neighbours(viewedTogether, productId);
  }

  private List<Neighbour> neighbours(ItemNeighbours n, String productId) {
    int i = products.find(productId);
    if (i < 0) {
      return List.of();
    }
    ArrayList<Neighbour> result = new ArrayList<>();
    for (int p = n.start[i]; p < n.start[i + 1]; p++) {
      result.add(new Neighbour(products.id(n.item[p]), n.score[p]));
    }
    return result;
  }

  /** A product and its similarity to another. */
  public record Neighbour(String productId, double similarity) {}

  // package-private views for RecommendationQuery
  IdIndex products() {
    return products;
  }

  IdIndex persons() {
    return persons;
  }

  ItemNeighbours boughtTogether() {
    return boughtTogether;
  }

  ItemNeighbours viewedTogether() {
    return viewedTogether;
  }

  ItemNeighbours boughtBySameCustomers() {
    return boughtBySameCustomers;
  }

  double[] popularityScore() {
    return popularityScore;
  }

  Popularity popularity() {
    return popularity;
  }

  PersonHistories histories() {
    return histories;
  }

  RepurchaseIntervals intervals() {
    return intervals;
  }

  double[] newcomerScore() {
    return newcomerScore;
  }

  Popularity newcomers() {
    return newcomers;
  }

  Eligibility eligibility() {
    return eligibility;
  }
}
