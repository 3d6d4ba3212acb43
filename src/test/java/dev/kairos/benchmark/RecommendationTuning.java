package dev.kairos.benchmark;

import dev.kairos.intelligence.recommend.ForYouWeights;
import dev.kairos.intelligence.recommend.Recommender;
import dev.kairos.intelligence.recommend.RecommenderConfig;
import dev.kairos.intelligence.recommend.evaluation.EvaluationReport;
import dev.kairos.intelligence.recommend.evaluation.HoldoutEvaluation;
import dev.kairos.intelligence.recommend.evaluation.HoldoutEvaluation.Evaluated;
import dev.kairos.intelligence.recommend.evaluation.StrategyEvaluation;
import dev.kairos.intelligence.recommend.io.OnlineRetailReader;
import dev.kairos.intelligence.recommend.io.Transactions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * How the weights of {@link ForYouWeights#defaults()} were chosen: on a validation split inside the
 * training period of every reported split (train before 2011-06-01, validate on June–August 2011),
 * never on a reported test period. Prints HR@10 of {@code for_you} (all purchases; new products)
 * and of {@code buy_again} for each candidate setting, one parameter varied at a time around the
 * defaults. Run with {@code ./mvnw -q test-compile exec:java
 * -Dexec.mainClass=dev.kairos.benchmark.RecommendationTuning -Dexec.classpathScope=test}.
 */
public final class RecommendationTuning {
  private static final Instant SPLIT = Instant.parse("2011-06-01T00:00:00Z");
  private static final Instant END = Instant.parse("2011-09-01T00:00:00Z");

  private RecommendationTuning() {}

  public static void main(String[] args) throws Exception {
    Path file =
        Path.of("..", "shared", "data", "online-retail.csv.gz").toAbsolutePath().normalize();
    if (!Files.isReadable(file)) {
      System.out.println("skipped: reference data " + file + " is not present");
      return;
    }
    Transactions data = OnlineRetailReader.read(file);
    RecommenderConfig config = RecommenderConfig.defaults();
    if (args.length > 0 && args[0].equals("newcomers")) {
      newcomerFolds(data, config);
      return;
    }
    Recommender model = Recommender.build(data.log(), data.catalog(), config, SPLIT);
    ForYouWeights d = config.forYou();
    print(data, model, "defaults", d);
    for (double v : new double[] {0, 0.5, 1.5}) {
      print(data, model, "frequencyExponent " + v, with(d, 0, v));
    }
    for (int days : new int[] {30, 60, 180, 365}) {
      print(data, model, "repeatHalfLife " + days + "d", with(d, 1, days));
    }
    for (double v : new double[] {0, 0.15, 0.6}) {
      print(data, model, "dueExponent " + v, with(d, 2, v));
    }
    for (double v : new double[] {0.1, 0.3}) {
      print(data, model, "unitsWeight " + v, with(d, 3, v));
    }
    for (double v : new double[] {0, 0.5, 2}) {
      print(data, model, "repeatRateExponent " + v, with(d, 4, v));
    }
    for (double v : new double[] {0.1, 0.2, 0.5, 0.8}) {
      print(data, model, "related " + v, with(d, 5, v));
    }
    for (double v : new double[] {0, 0.02, 0.1, 0.2}) {
      print(data, model, "popular " + v, with(d, 6, v));
    }
    for (int days : new int[] {7, 14, 30, 60}) {
      for (double v : new double[] {0.5, 1, 3, 10}) {
        ForYouWeights w = with(with(d, 8, days), 9, v);
        Recommender rebuilt =
            Recommender.build(data.log(), data.catalog(), config.withForYou(w), SPLIT);
        print(data, rebuilt, "trending " + v + " over " + days + "d", w);
      }
    }
  }

  /**
   * The new-customer list on rolling validation folds, all before the first reported split
   * (2011-09-01): a model as of each fold's start, tested on the two months after it. {@code
   * popular} gives someone without history the popularity ranking (recency-weighted baskets), which
   * was the new-customer list of {@code for_you} before it counted customers. Run with {@code
   * -Dexec.args=newcomers}.
   */
  private static void newcomerFolds(Transactions data, RecommenderConfig config) {
    double forYou = 0;
    double popular = 0;
    String[] starts = {"2011-03-01", "2011-04-01", "2011-05-01", "2011-06-01", "2011-07-01"};
    for (String start : starts) {
      Instant from = Instant.parse(start + "T00:00:00Z");
      Instant to = from.atZone(java.time.ZoneOffset.UTC).plusMonths(2).toInstant();
      Recommender model = Recommender.build(data.log(), data.catalog(), config, from);
      EvaluationReport r =
          HoldoutEvaluation.evaluate(
              model, data.log(), from, to, 10, List.of(Evaluated.FOR_YOU, Evaluated.POPULAR));
      double f = r.strategy("for_you").allPurchases().newCustomers().hitRate();
      double p = r.strategy("popular").allPurchases().newCustomers().hitRate();
      forYou += f;
      popular += p;
      System.out.printf(
          Locale.ROOT,
          "fold %s..%s: %d new customers, HR@10 for_you %.3f, popular %.3f%n",
          start,
          to.toString().substring(0, 10),
          r.strategy("for_you").allPurchases().newCustomers().customers(),
          f,
          p);
    }
    System.out.printf(
        Locale.ROOT,
        "mean over %d folds: for_you %.3f, popular %.3f%n",
        starts.length,
        forYou / starts.length,
        popular / starts.length);
  }

  private static ForYouWeights with(ForYouWeights d, int which, double v) {
    return new ForYouWeights(
        which == 0 ? v : d.frequencyExponent(),
        which == 1 ? Duration.ofDays((long) v) : d.repeatHalfLife(),
        which == 2 ? v : d.dueExponent(),
        which == 3 ? v : d.unitsWeight(),
        which == 4 ? v : d.repeatRateExponent(),
        d.repeat(),
        which == 5 ? v : d.related(),
        which == 6 ? v : d.popular(),
        which == 7 ? v : d.sameCustomers(),
        which == 8 ? Duration.ofDays((long) v) : d.trendingHalfLife(),
        which == 9 ? v : d.trending());
  }

  private static void print(
      Transactions data, Recommender model, String label, ForYouWeights weights) {
    EvaluationReport r =
        HoldoutEvaluation.evaluate(
            model.withForYou(weights),
            data.log(),
            SPLIT,
            END,
            10,
            List.of(Evaluated.FOR_YOU, Evaluated.BUY_AGAIN, Evaluated.POPULAR));
    StrategyEvaluation forYou = r.strategy("for_you");
    StrategyEvaluation buyAgain = r.strategy("buy_again");
    StrategyEvaluation popular = r.strategy("popular");
    System.out.printf(
        Locale.ROOT,
        "%-24s for_you all %.3f returning %.3f new products %.3f (popular %.3f, new customers"
            + " %.3f vs %.3f) | buy_again returning %.3f%n",
        label,
        forYou.allPurchases().allCustomers().hitRate(),
        forYou.allPurchases().returningCustomers().hitRate(),
        forYou.newProducts().allCustomers().hitRate(),
        popular.newProducts().allCustomers().hitRate(),
        forYou.newProducts().newCustomers().hitRate(),
        popular.newProducts().newCustomers().hitRate(),
        buyAgain.allPurchases().returningCustomers().hitRate());
  }
}
