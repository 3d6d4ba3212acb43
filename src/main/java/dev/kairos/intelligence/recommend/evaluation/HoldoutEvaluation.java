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

/**
 * Offline holdout evaluation of the person-level strategies against popularity.
 *
 * <p>Protocol: the model is built from every purchase strictly before the split date, as of the
 * split date (recency weights relative to it). The test customers are the identified customers who
 * buy at or after the split. Each gets k recommendations per strategy, computed once from the
 * training data (no updates during the test period), under the same rules as in production: no
 * product the customer bought before the split (products are not consumable here), nothing out of
 * stock or unavailable, popularity filling in when a strategy has too little data. Customers who
 * never bought before the split are included and get the fallback. Two relevance sets:
 *
 * <ul>
 *   <li><b>all purchases</b>: every product the customer bought after the split. Re-purchases count
 *       as relevant but can never be hit, because bought products are excluded; this is the honest
 *       figure for "what will they buy".
 *   <li><b>new products</b>: only products the customer had not bought before the split; customers
 *       with none are left out. This is what a next-best-offer can achieve.
 * </ul>
 *
 * Catalog coverage is the share of recommendable products recommended to at least one customer.
 */
public final class HoldoutEvaluation {
  private HoldoutEvaluation() {}

  /** A strategy as evaluated for one customer. */
  public enum Evaluated {
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
    long splitSecond = split.getEpochSecond();
    PurchaseSets before = PurchaseSets.of(log, Long.MIN_VALUE, splitSecond);
    PurchaseSets after = PurchaseSets.of(log, splitSecond, testEnd.getEpochSecond());
    int[] testCustomers = after.personsWithPurchases();
    int withHistory = 0;
    for (int person : testCustomers) {
      if (before.count(person) > 0) {
        withHistory++;
      }
    }
    List<StrategyEvaluation> results = new ArrayList<>();
    for (Evaluated evaluated : which) {
      results.add(evaluateOne(evaluated, recommender, log, before, after, testCustomers, k));
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
        testCustomers.length,
        withHistory,
        recommender.recommendableProductCount(),
        recommender.buildTime().toNanos() / 1e6,
        results);
  }

  private static StrategyEvaluation evaluateOne(
      Evaluated evaluated,
      Recommender recommender,
      InteractionLog log,
      PurchaseSets before,
      PurchaseSets after,
      int[] testCustomers,
      int k) {
    RankingMetrics.Accumulator all = new RankingMetrics.Accumulator();
    RankingMetrics.Accumulator fresh = new RankingMetrics.Accumulator();
    boolean[] recommended = new boolean[log.products().size()];
    long slots = 0;
    long fallbackSlots = 0;
    boolean[] hitAll = new boolean[k];
    boolean[] hitNew = new boolean[k];
    for (int person : testCustomers) {
      List<Recommendation> list = evaluated.recommend(recommender, log.persons().id(person), k);
      Arrays.fill(hitAll, false);
      Arrays.fill(hitNew, false);
      for (int r = 0; r < list.size(); r++) {
        int product = log.products().find(list.get(r).productId());
        recommended[product] = true;
        slots++;
        fallbackSlots += list.get(r).fallback() ? 1 : 0;
        hitAll[r] = after.contains(person, product);
        hitNew[r] = hitAll[r] && !before.contains(person, product);
      }
      all.add(hitAll, list.size(), after.count(person), k);
      int newCount = after.countNotIn(person, before);
      if (newCount > 0) {
        fresh.add(hitNew, list.size(), newCount, k);
      }
    }
    int coverageCount = 0;
    for (boolean r : recommended) {
      coverageCount += r ? 1 : 0;
    }
    int recommendable = Math.max(1, recommender.recommendableProductCount());
    return new StrategyEvaluation(
        evaluated.name().toLowerCase(java.util.Locale.ROOT),
        evaluated.description,
        all.result(),
        fresh.result(),
        coverageCount / (double) recommendable,
        slots == 0 ? 0 : fallbackSlots / (double) slots);
  }
}
