package dev.kairos.intelligence.recommend.evaluation;

import dev.kairos.intelligence.recommend.Catalog;
import dev.kairos.intelligence.recommend.InteractionLog;
import dev.kairos.intelligence.recommend.Recommendation;
import dev.kairos.intelligence.recommend.Recommender;
import dev.kairos.intelligence.recommend.RecommenderConfig;
import dev.kairos.intelligence.recommend.Strategy;
import dev.kairos.intelligence.recommend.Subject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Offline holdout evaluation of the person-level strategies against popularity.
 *
 * <p>Protocol: the model is built from every purchase strictly before the split date, as of the
 * split date (recency weights relative to it). The test customers are the identified customers who
 * buy at or after the split; returning customers bought before it too, new customers did not. Each
 * gets k recommendations per strategy, computed once from the training data (no updates during the
 * test period), under the same rules as in production: nothing out of stock or unavailable, no
 * product the customer bought before unless the strategy is there to repeat purchases ({@code
 * buy_again}, {@code for_you}), popularity filling in when a strategy has too little data. Two
 * protocols:
 *
 * <ul>
 *   <li><b>all purchases</b>: the strategy's own lists; relevant = every product the customer
 *       bought after the split. The honest figure for "what will they buy".
 *   <li><b>new products</b>: lists that leave out every product the customer bought before, for
 *       every strategy; relevant = the products bought after the split that the customer had not
 *       bought before; customers with none are left out. What a next-best-offer can achieve.
 * </ul>
 *
 * Catalog coverage is the share of recommendable products recommended to at least one customer.
 * Customers are served in parallel; the model is immutable.
 */
public final class HoldoutEvaluation {
  private HoldoutEvaluation() {}

  /** A strategy as evaluated for one customer. */
  public enum Evaluated {
    FOR_YOU(Strategy.FOR_YOU, true, "repeat and new products ranked together by one score"),
    BUY_AGAIN(Strategy.BUY_AGAIN, true, "the customer's own past products, likeliest again first"),
    BASED_ON_YOUR_HISTORY(
        Strategy.BASED_ON_YOUR_HISTORY,
        true,
        "item-item from all past purchases, recency-weighted"),
    NEXT_BEST_OFFER(
        Strategy.NEXT_BEST_OFFER, true, "history score blended with a popularity prior"),
    LAST_BASKET_BOUGHT_TOGETHER(
        Strategy.FREQUENTLY_BOUGHT_TOGETHER, true, "bought together with the last order"),
    POPULAR(Strategy.POPULAR, true, "baseline: most popular, minus what the customer bought"),
    POPULAR_SAME_FOR_EVERYONE(
        Strategy.POPULAR, false, "baseline: the same most popular list for everyone");

    private final Strategy strategy;
    private final boolean personal;
    private final String description;

    Evaluated(Strategy strategy, boolean personal, String description) {
      this.strategy = strategy;
      this.personal = personal;
      this.description = description;
    }

    List<Recommendation> recommend(Recommender r, String personId, int k) {
      Subject subject = personal ? new Subject.Person(personId) : new Subject.Anyone();
      return r.recommend(strategy, subject, k);
    }

    /** The list of the new-products protocol: never a product the customer bought before. */
    List<Recommendation> recommendNew(Recommender r, String personId, int k) {
      Subject subject = personal ? new Subject.Person(personId) : new Subject.Anyone();
      return personal ? r.recommendNew(strategy, subject, k) : r.recommend(strategy, subject, k);
    }

    boolean listsDiffer() {
      return personal && strategy.repeatsPurchases();
    }
  }

  /** Evaluates every strategy, testing on all purchases at or after the split. */
  public static EvaluationReport run(
      InteractionLog log, Catalog catalog, RecommenderConfig config, Instant split, int k) {
    Recommender recommender = Recommender.build(log, catalog, config, split);
    return evaluate(recommender, log, split, Instant.MAX, k, List.of(Evaluated.values()));
  }

  /**
   * Evaluates an already built model (its date must be the split), testing on purchases in [split,
   * testEnd): an earlier test end gives a validation split for tuning.
   */
  public static EvaluationReport evaluate(
      Recommender recommender,
      InteractionLog log,
      Instant split,
      Instant testEnd,
      int k,
      List<Evaluated> which) {
    if (!recommender.builtFor().equals(split)) {
      throw new IllegalArgumentException("the model must be built as of the split date");
    }
    long started = System.nanoTime();
    long splitSecond = split.getEpochSecond();
    TestPeriod period =
        new TestPeriod(
            log,
            PurchaseSets.of(log, Long.MIN_VALUE, splitSecond),
            PurchaseSets.of(log, splitSecond, testEnd.getEpochSecond()));
    int withHistory = 0;
    for (int person : period.customers) {
      withHistory += period.returning(person) ? 1 : 0;
    }
    List<StrategyEvaluation> results = new ArrayList<>();
    for (Evaluated evaluated : which) {
      results.add(evaluateOne(evaluated, recommender, period, k));
    }
    int training = 0;
    for (int row = 0; row < log.size(); row++) {
      if (!log.isView(row) && log.epochSecond(row) < splitSecond) {
        training++;
      }
    }
    return new EvaluationReport(
        split.toString().substring(0, 10),
        k,
        training,
        period.customers.length,
        withHistory,
        recommender.recommendableProductCount(),
        recommender.buildTime().toNanos() / 1e6,
        (System.nanoTime() - started) / 1e6,
        results);
  }

  /** The purchases before and after the split, and the test customers. */
  private static final class TestPeriod {
    final InteractionLog log;
    final PurchaseSets before;
    final PurchaseSets after;
    final int[] customers;

    TestPeriod(InteractionLog log, PurchaseSets before, PurchaseSets after) {
      this.log = log;
      this.before = before;
      this.after = after;
      this.customers = after.personsWithPurchases();
    }

    boolean returning(int person) {
      return before.count(person) > 0;
    }
  }

  /** The accumulators of one protocol: all customers, returning, new; and coverage. */
  private static final class ProtocolTally {
    final RankingMetrics.Accumulator all = new RankingMetrics.Accumulator();
    final RankingMetrics.Accumulator returning = new RankingMetrics.Accumulator();
    final RankingMetrics.Accumulator fresh = new RankingMetrics.Accumulator();
    final boolean[] recommended;

    ProtocolTally(int products) {
      recommended = new boolean[products];
    }

    void add(boolean isReturning, boolean[] hitAt, int listed, int relevant, int k) {
      all.add(hitAt, listed, relevant, k);
      (isReturning ? returning : fresh).add(hitAt, listed, relevant, k);
    }

    ProtocolResult result(int recommendable) {
      int covered = 0;
      for (boolean r : recommended) {
        covered += r ? 1 : 0;
      }
      return new ProtocolResult(
          all.result(), returning.result(), fresh.result(), covered / (double) recommendable);
    }
  }

  private static StrategyEvaluation evaluateOne(
      Evaluated evaluated, Recommender recommender, TestPeriod period, int k) {
    long started = System.nanoTime();
    InteractionLog log = period.log;
    int[] customers = period.customers;
    List<List<Recommendation>> allLists =
        recommendAll(customers, log, evaluated, recommender, k, false);
    List<List<Recommendation>> newLists =
        evaluated.listsDiffer()
            ? recommendAll(customers, log, evaluated, recommender, k, true)
            : allLists;
    int products = log.products().size();
    ProtocolTally all = new ProtocolTally(products);
    ProtocolTally fresh = new ProtocolTally(products);
    long slots = 0;
    long fallbackSlots = 0;
    boolean[] hit = new boolean[k];
    for (int c = 0; c < customers.length; c++) {
      int person = customers[c];
      boolean returning = period.returning(person);
      List<Recommendation> list = allLists.get(c);
      Arrays.fill(hit, false);
      for (int r = 0; r < list.size(); r++) {
        int product = log.products().find(list.get(r).productId());
        all.recommended[product] = true;
        slots++;
        fallbackSlots += list.get(r).fallback() ? 1 : 0;
        hit[r] = period.after.contains(person, product);
      }
      all.add(returning, hit, list.size(), period.after.count(person), k);
      int newCount = period.after.countNotIn(person, period.before);
      if (newCount == 0) {
        continue;
      }
      list = newLists.get(c);
      Arrays.fill(hit, false);
      for (int r = 0; r < list.size(); r++) {
        int product = log.products().find(list.get(r).productId());
        fresh.recommended[product] = true;
        hit[r] = period.after.contains(person, product) && !period.before.contains(person, product);
      }
      fresh.add(returning, hit, list.size(), newCount, k);
    }
    int recommendable = Math.max(1, recommender.recommendableProductCount());
    return new StrategyEvaluation(
        evaluated.name().toLowerCase(Locale.ROOT),
        evaluated.description,
        all.result(recommendable),
        fresh.result(recommendable),
        slots == 0 ? 0 : fallbackSlots / (double) slots,
        (System.nanoTime() - started) / 1e6);
  }

  private static List<List<Recommendation>> recommendAll(
      int[] customers,
      InteractionLog log,
      Evaluated evaluated,
      Recommender recommender,
      int k,
      boolean onlyNew) {
    return IntStream.range(0, customers.length)
        .parallel()
        .mapToObj(
            c -> {
              String id = log.persons().id(customers[c]);
              return onlyNew
                  ? evaluated.recommendNew(recommender, id, k)
                  : evaluated.recommend(recommender, id, k);
            })
        .toList();
  }
}
