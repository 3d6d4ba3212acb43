package dev.kairos.intelligence.recommend.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kairos.intelligence.recommend.Catalog;
import dev.kairos.intelligence.recommend.Interaction;
import dev.kairos.intelligence.recommend.InteractionLog;
import dev.kairos.intelligence.recommend.RecommenderConfig;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A case worked out by hand, k = 1. Before the split ann bought a mug twice and tea once; five
 * guest orders made the candle the most popular product. After it ann buys a mug and a coaster, and
 * bob, a new customer, a candle.
 *
 * <ul>
 *   <li>buy_again: ann gets the mug (hit), bob the popular candle (hit). All purchases: HR 1,
 *       precision 1, recall (1/2 + 1) / 2 = 0.75, MAP 1. New products (past products left out): ann
 *       gets the candle (miss: her new product is the coaster), bob the candle (hit): HR 0.5.
 *   <li>popular (minus what the customer bought): ann the candle (miss), bob the candle (hit):
 *       returning customers HR 0, new customers HR 1.
 * </ul>
 */
class HoldoutEvaluationTest {
  private static final Instant SPLIT = Instant.parse("2024-06-01T00:00:00Z");

  @Test
  void the_metrics_of_a_small_case_are_the_ones_worked_out_by_hand() {
    InteractionLog log = new InteractionLog();
    log.addAll(
        List.of(
            Interaction.purchase("ann", "mug", SPLIT.minusSeconds(90 * 86400), 1, "a1"),
            Interaction.purchase("ann", "mug", SPLIT.minusSeconds(40 * 86400), 1, "a2"),
            Interaction.purchase("ann", "tea", SPLIT.minusSeconds(20 * 86400), 1, "a3"),
            Interaction.purchase("ann", "mug", SPLIT.plusSeconds(86400), 1, "a4"),
            Interaction.purchase("ann", "coaster", SPLIT.plusSeconds(86400), 1, "a4"),
            Interaction.purchase("bob", "candle", SPLIT.plusSeconds(2 * 86400), 1, "b1")));
    for (int i = 0; i < 5; i++) {
      log.add(
          Interaction.purchase(null, "candle", SPLIT.minusSeconds(86400L * (i + 1)), 1, "g" + i));
    }

    EvaluationReport report =
        HoldoutEvaluation.run(
            log, Catalog.openCatalog(List.of()), RecommenderConfig.defaults(), SPLIT, 1);

    assertThat(report.testCustomers()).isEqualTo(2);
    assertThat(report.testCustomersWithHistory()).isEqualTo(1);
    ProtocolResult again = report.strategy("buy_again").allPurchases();
    assertThat(again.allCustomers().hitRate()).isEqualTo(1.0);
    assertThat(again.allCustomers().precision()).isEqualTo(1.0);
    assertThat(again.allCustomers().recall()).isCloseTo(0.75, within(1e-12));
    assertThat(again.allCustomers().map()).isEqualTo(1.0);
    assertThat(again.returningCustomers().customers()).isEqualTo(1);
    assertThat(again.newCustomers().customers()).isEqualTo(1);
    ProtocolResult againNew = report.strategy("buy_again").newProducts();
    assertThat(againNew.allCustomers().hitRate()).isEqualTo(0.5);
    assertThat(againNew.returningCustomers().hitRate()).isZero();
    ProtocolResult popular = report.strategy("popular").allPurchases();
    assertThat(popular.returningCustomers().hitRate()).isZero();
    assertThat(popular.newCustomers().hitRate()).isEqualTo(1.0);
    assertThat(popular.allCustomers().hitRate()).isEqualTo(0.5);
  }
}
