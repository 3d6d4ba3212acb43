package dev.kairos.intelligence.recommend.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RankingMetricsTest {

  @Test
  void metricsMatchAHandComputedExample() {
    RankingMetrics.Accumulator acc = new RankingMetrics.Accumulator();
    // customer 1: hits at ranks 1 and 3 of 3, 4 relevant products
    acc.add(new boolean[] {true, false, true}, 3, 4, 3);
    // customer 2: no hit, 1 relevant product
    acc.add(new boolean[] {false, false, false}, 3, 1, 3);

    RankingMetrics m = acc.result();

    double dcg = 1 + 1 / (Math.log(4) / Math.log(2));
    double idcg = 1 + 1 / (Math.log(3) / Math.log(2)) + 1 / (Math.log(4) / Math.log(2));
    assertThat(m.customers()).isEqualTo(2);
    assertThat(m.hitRate()).isEqualTo(0.5);
    assertThat(m.precision()).isCloseTo((2.0 / 3) / 2, within(1e-12));
    assertThat(m.recall()).isCloseTo((2.0 / 4) / 2, within(1e-12));
    assertThat(m.ndcg()).isCloseTo(dcg / idcg / 2, within(1e-12));
    // average precision: (1/1 + 2/3) / min(k = 3, relevant = 4) for customer 1, 0 for customer 2
    assertThat(m.map()).isCloseTo((1 + 2.0 / 3) / 3 / 2, within(1e-12));
  }
}
