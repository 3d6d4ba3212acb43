package dev.kairos.intelligence;

import dev.kairos.intelligence.recommend.Catalog;
import dev.kairos.intelligence.recommend.InteractionLog;
import dev.kairos.intelligence.recommend.Recommendation;
import dev.kairos.intelligence.recommend.Recommender;
import dev.kairos.intelligence.recommend.RecommenderConfig;
import dev.kairos.intelligence.recommend.Strategy;
import dev.kairos.intelligence.recommend.Subject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Serves product recommendations from a model held in memory. The model is a cache: it is built in
 * full from the purchases, product views and catalog stored in PostgreSQL, swapped atomically when
 * a rebuild finishes, and the first request before any build builds it. Requests never wait for a
 * scheduled rebuild; they keep using the previous model until the new one is ready.
 */
public final class ServingRecommendations {

  /** Where a build reads its input from. */
  public interface Interactions {

    /** Every purchase, the product views of the configured window, and the catalog. */
    ShopInteractions read(Instant asOf);

    /**
     * The surviving profile of a profile id (itself, or the profile it was merged into); empty when
     * there is no such profile.
     */
    Optional<String> survivingProfile(UUID profileId);

    /** How many orders and catalog products the shop has now (cheap: two counts). */
    ShopSize size();

    /** The catalog's facts about one product; empty when the catalog does not list it. */
    Optional<ProductFacts> catalogProduct(String productId);

    /** The catalog alone, for {@link Recommender#withCatalog} after a flag or stock change. */
    Catalog catalog();
  }

  /** The shop's size, to tell when the model in memory no longer describes it. */
  public record ShopSize(long orders, long products) {

    /**
     * Whether a model built on {@code built} is too old for this size: the model has no orders and
     * the shop now has some, or orders or products changed by {@link #STALE_SHARE} or more.
     */
    public boolean outgrows(ShopSize built) {
      if (built.orders() == 0 && orders > 0) {
        return true;
      }
      return changedALot(built.orders(), orders) || changedALot(built.products(), products);
    }

    private static boolean changedALot(long before, long now) {
      return Math.abs(now - before) >= Math.max(1, STALE_SHARE * before);
    }

    /** A model is rebuilt when orders or products changed by this share since it was built. */
    public static final double STALE_SHARE = 0.1;
  }

  /**
   * The input of one build: interactions by surviving profile, the catalog for the model, and what
   * the answers show of each product.
   */
  public record ShopInteractions(
      InteractionLog log, Catalog catalog, Map<String, ProductFacts> products) {}

  /** What the catalog says about a product, for display; any field may be null. */
  public record ProductFacts(String name, String category, BigDecimal price) {}

  /** One recommendation with the catalog's facts about the product, when it has any. */
  public record Recommended(Recommendation recommendation, Optional<ProductFacts> product) {}

  /** The recommendations for a profile, and the surviving profile they are for. */
  public record ForProfile(String profileId, List<Recommended> recommendations) {}

  /** What a rebuild produced. */
  public record Build(
      Instant builtFor,
      Duration readTime,
      Duration buildTime,
      int products,
      int catalogProducts,
      int purchases,
      int views) {

    public int interactions() {
      return purchases + views;
    }
  }

  private record Model(
      Recommender recommender,
      Map<String, ProductFacts> products,
      Set<String> known,
      Build build,
      ShopSize size,
      Optional<Instant> fixedFor) {}

  /** How often a request may check whether the shop outgrew the model (two counts). */
  static final Duration CHECK_EVERY = Duration.ofSeconds(10);

  private final Interactions interactions;
  private final RecommenderConfig config;
  private final Clock clock;
  private final Supplier<Optional<Instant>> analysisDate;
  private final AtomicReference<Model> current = new AtomicReference<>();
  private final AtomicReference<Instant> checked = new AtomicReference<>(Instant.MIN);
  private final Object building = new Object();

  public ServingRecommendations(Interactions interactions, RecommenderConfig config, Clock clock) {
    this(interactions, config, clock, Optional::empty);
  }

  /**
   * @param analysisDate the fixed date a model is built as of (its recency weights and "due" dates
   *     are relative to it, and later orders and views are left out), empty for the clock's now:
   *     the date the shop's scores were computed as of ({@link
   *     RecomputingProfileScores#scoredAsOf}). A request finding the model built for another date
   *     rebuilds it first.
   */
  public ServingRecommendations(
      Interactions interactions,
      RecommenderConfig config,
      Clock clock,
      Supplier<Optional<Instant>> analysisDate) {
    this.interactions = interactions;
    this.config = config;
    this.clock = clock;
    this.analysisDate = analysisDate;
  }

  /** Builds a new model from the database now and serves it from then on. */
  public Build rebuild() {
    synchronized (building) {
      Optional<Instant> fixed = analysisDate.get();
      Instant now = fixed.orElseGet(clock::instant);
      long started = System.nanoTime(); // for reporting only, like Recommender.build
      ShopSize size = interactions.size();
      ShopInteractions shop = interactions.read(now);
      Duration readTime = Duration.ofNanos(System.nanoTime() - started);
      Recommender recommender = Recommender.build(shop.log(), shop.catalog(), config, now);
      InteractionLog log = shop.log();
      Set<String> known = new HashSet<>(shop.products().keySet());
      for (int i = 0; i < log.products().size(); i++) {
        known.add(log.products().id(i));
      }
      int views = 0;
      for (int row = 0; row < log.size(); row++) {
        views += log.isView(row) ? 1 : 0;
      }
      Build build =
          new Build(
              now,
              readTime,
              recommender.buildTime(),
              recommender.productCount(),
              shop.catalog().entries().size(),
              log.size() - views,
              views);
      current.set(
          new Model(
              recommender, Map.copyOf(shop.products()), Set.copyOf(known), build, size, fixed));
      return build;
    }
  }

  /**
   * Applies the catalog as it is now (a product flagged non-merchandise, out of stock …) to the
   * model in service, without rebuilding it.
   */
  public void refreshCatalog() {
    synchronized (building) {
      Model model = current.get();
      if (model == null) {
        return;
      }
      current.set(
          new Model(
              model.recommender().withCatalog(interactions.catalog()),
              model.products(),
              model.known(),
              model.build(),
              model.size(),
              model.fixedFor()));
    }
  }

  /** The build being served; empty before the first one. */
  public Optional<Build> lastBuild() {
    Model model = current.get();
    return model == null ? Optional.empty() : Optional.of(model.build());
  }

  /**
   * Up to {@code k} products for a profile (a merged profile answers for the surviving one); empty
   * when there is no such profile.
   *
   * @throws IllegalArgumentException when the strategy does not take a person
   */
  public Optional<ForProfile> forProfile(UUID profileId, Strategy strategy, int k) {
    Subject.Person person = new Subject.Person(profileId.toString());
    if (!strategy.accepts(person)) {
      throw new IllegalArgumentException(strategy + " does not take a profile");
    }
    Optional<String> surviving = interactions.survivingProfile(profileId);
    if (surviving.isEmpty()) {
      return Optional.empty();
    }
    Model model = model();
    List<Recommendation> found =
        model.recommender().recommend(strategy, new Subject.Person(surviving.get()), k);
    return Optional.of(new ForProfile(surviving.get(), shown(model, found)));
  }

  /**
   * Up to {@code k} products for someone looking at a product; empty when the product is neither in
   * the catalog nor in any purchase or view.
   *
   * @throws IllegalArgumentException when the strategy does not take a product
   */
  public Optional<List<Recommended>> forProduct(String productId, Strategy strategy, int k) {
    Model model = model();
    Optional<ProductFacts> facts = Optional.ofNullable(model.products().get(productId));
    if (!model.known().contains(productId)) {
      // newer than the model: the catalog knows it, the model answers with its fallbacks
      facts = interactions.catalogProduct(productId);
      if (facts.isEmpty()) {
        return Optional.empty();
      }
    }
    Recommender recommender = model.recommender();
    List<Recommendation> found =
        switch (strategy) {
          case CUSTOMERS_ALSO_VIEWED ->
              recommender.recommend(strategy, Subject.Product.of(productId), k);
          case FREQUENTLY_BOUGHT_TOGETHER ->
              recommender.recommend(strategy, Subject.Cart.of(productId), k);
          case POPULAR_IN_CATEGORY -> popularBeside(model, productId, facts.orElse(null), k);
          default -> throw new IllegalArgumentException(strategy + " does not take a product");
        };
    return Optional.of(shown(model, found));
  }

  /**
   * The most popular products of the product's category, without the product itself; for a product
   * without a category, the most popular products overall, marked as a fallback.
   */
  private static List<Recommendation> popularBeside(
      Model model, String productId, ProductFacts facts, int k) {
    String category = facts == null ? null : facts.category();
    List<Recommendation> popular =
        category == null
            ? model.recommender().recommend(Strategy.POPULAR, new Subject.Anyone(), k + 1)
            : model
                .recommender()
                .recommend(Strategy.POPULAR_IN_CATEGORY, Subject.Category.of(category), k + 1);
    List<Recommendation> result = new ArrayList<>(k);
    for (Recommendation r : popular) {
      if (!r.productId().equals(productId) && result.size() < k) {
        result.add(category == null ? asFallback(r) : r);
      }
    }
    return result;
  }

  private static Recommendation asFallback(Recommendation r) {
    return new Recommendation(r.productId(), r.score(), r.strategy(), r.reason(), true);
  }

  private static List<Recommended> shown(Model model, List<Recommendation> recommendations) {
    List<Recommended> shown = new ArrayList<>(recommendations.size());
    for (Recommendation r : recommendations) {
      shown.add(new Recommended(r, Optional.ofNullable(model.products().get(r.productId()))));
    }
    return shown;
  }

  /**
   * The current model: built now when there is none yet or it was built for another analysis date
   * than the shop's scores, and rebuilt now when the shop outgrew it (checked at most every {@link
   * #CHECK_EVERY}), so a server that starts before its orders are imported does not answer empty
   * lists until the next scheduled rebuild. While one request rebuilds for a grown shop, the others
   * keep the model in service.
   */
  private Model model() {
    Model model = current.get();
    if (model == null || !model.fixedFor().equals(analysisDate.get())) {
      synchronized (building) {
        Model now = current.get();
        if (now == null || !now.fixedFor().equals(analysisDate.get())) {
          rebuild();
        }
        return current.get();
      }
    }
    Instant now = clock.instant();
    Instant last = checked.get();
    if (now.isBefore(last.plus(CHECK_EVERY)) || !checked.compareAndSet(last, now)) {
      return model;
    }
    if (interactions.size().outgrows(model.size())) {
      synchronized (building) {
        if (current.get() == model) {
          rebuild();
        }
      }
    }
    return current.get();
  }
}
