package dev.kairos.benchmark;

import dev.kairos.intelligence.recommend.Recommender;
import dev.kairos.intelligence.recommend.RecommenderConfig;
import dev.kairos.intelligence.recommend.SimilarityMeasure;
import dev.kairos.intelligence.recommend.evaluation.EvaluationReport;
import dev.kairos.intelligence.recommend.evaluation.HoldoutEvaluation;
import dev.kairos.intelligence.recommend.evaluation.RankingMetrics;
import dev.kairos.intelligence.recommend.evaluation.StrategyEvaluation;
import dev.kairos.intelligence.recommend.io.OnlineRetailReader;
import dev.kairos.intelligence.recommend.io.Transactions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * Builds the recommendation model on UCI Online Retail (target: under 2 s) and evaluates it with a
 * holdout split against popularity. Run with {@code ./mvnw -q test-compile exec:java
 * -Dexec.mainClass=dev.kairos.benchmark.RecommendationBuildBenchmark}.
 */
public final class RecommendationBuildBenchmark {
  private static final Instant SPLIT = Instant.parse("2011-09-01T00:00:00Z");
  private static final Instant END = Instant.parse("2011-12-10T00:00:00Z");
  private static final int K = 10;
  private static final int WARM_UP = 3;
  private static final int MEASURED = 7;

  private RecommendationBuildBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path file =
        Path.of("..", "shared", "data", "online-retail.csv.gz").toAbsolutePath().normalize();
    if (!Files.isReadable(file)) {
      System.out.println("skipped: reference data " + file + " is not present");
      return;
    }
    long parseStart = System.nanoTime();
    Transactions data = OnlineRetailReader.read(file);
    double parseMillis = (System.nanoTime() - parseStart) / 1e6;
    System.out.printf(
        Locale.ROOT,
        "parsed %d lines (%d purchases kept) in %.0f ms%n",
        data.lines(),
        data.log().size(),
        parseMillis);

    RecommenderConfig config = RecommenderConfig.defaults();
    double[] fullBuild = timeBuilds(data, config, END);
    double[] trainingBuild = timeBuilds(data, config, SPLIT);
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "Data: `online-retail.csv.gz`, %,d lines, %,d purchase lines kept (%s). Parsing"
                + " and interning ids: %.0f ms (not part of the build).%n%n",
            data.lines(),
            data.log().size(),
            data.skippedReasons(),
            parseMillis));
    md.append(
        "| model build (co-purchase top-50 neighbours, popularity, histories) | median | min |\n");
    md.append("|---|---|---|\n");
    md.append(row("all purchases (to 2011-12-09)", fullBuild));
    md.append(row("training purchases (before 2011-09-01)", trainingBuild));
    md.append(
        String.format(
            Locale.ROOT,
            "%nTarget < 2,000 ms. %d warm-up builds, then %d measured; the build uses all cores"
                + " (item rows in parallel).%n%n",
            WARM_UP,
            MEASURED));

    EvaluationReport report = HoldoutEvaluation.run(data.log(), data.catalog(), config, SPLIT, K);
    md.append(evaluationTable(report, "Holdout evaluation, default configuration (shrunk cosine)"));
    for (SimilarityMeasure measure : SimilarityMeasure.values()) {
      if (measure == config.similarity()) {
        continue;
      }
      EvaluationReport other =
          HoldoutEvaluation.run(
              data.log(), data.catalog(), config.withSimilarity(measure), SPLIT, K);
      md.append(evaluationTable(other, "Same protocol with " + measure));
    }
    System.out.println(md);
    BenchmarkReport.write("recommend", "Recommendations on UCI Online Retail", md.toString());
  }

  private static double[] timeBuilds(Transactions data, RecommenderConfig config, Instant now) {
    for (int i = 0; i < WARM_UP; i++) {
      Recommender.build(data.log(), data.catalog(), config, now);
    }
    double[] millis = new double[MEASURED];
    for (int i = 0; i < MEASURED; i++) {
      millis[i] =
          Recommender.build(data.log(), data.catalog(), config, now).buildTime().toNanos() / 1e6;
    }
    Arrays.sort(millis);
    return millis;
  }

  private static String row(String label, double[] sortedMillis) {
    return String.format(
        Locale.ROOT,
        "| %s | %.0f ms | %.0f ms |%n",
        label,
        sortedMillis[sortedMillis.length / 2],
        sortedMillis[0]);
  }

  private static String evaluationTable(EvaluationReport r, String title) {
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "### %s%n%nSplit %s, k = %d: %,d training purchase lines, %,d test customers (%,d with"
                + " purchases before the split), %,d recommendable products.%n%n",
            title,
            r.splitDate(),
            r.k(),
            r.trainingPurchases(),
            r.testCustomers(),
            r.testCustomersWithHistory(),
            r.recommendableProducts()));
    md.append(
        "| strategy | HR@10 all | NDCG@10 all | P@10 all | R@10 all | HR@10 new | NDCG@10 new"
            + " | P@10 new | R@10 new | coverage | fallback |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (StrategyEvaluation s : r.strategies()) {
      RankingMetrics a = s.allPurchases().allCustomers();
      RankingMetrics n = s.newProducts().allCustomers();
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
              s.name(),
              a.hitRate(),
              a.ndcg(),
              a.precision(),
              a.recall(),
              n.hitRate(),
              n.ndcg(),
              n.precision(),
              n.recall(),
              s.allPurchases().catalogCoverage(),
              s.fallbackShare()));
    }
    md.append('\n');
    return md.toString();
  }
}
