package dev.kairos.intelligence.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SimilarityMeasureTest {

  @Test
  void logLikelihoodRatioMatchesMahoutsReferenceValues() {
    // Mahout LogLikelihoodTest: LLR(k11=1, k12=0, k21=0, k22=1) = 2.772588722239781
    assertThat(SimilarityMeasure.LOG_LIKELIHOOD_RATIO.score(1, 1, 1, 2, 1, 0))
        .isCloseTo(2.772588722239781, within(1e-12));
    // LLR(10, 0, 0, 10) = 27.725887222397812
    assertThat(SimilarityMeasure.LOG_LIKELIHOOD_RATIO.score(10, 10, 10, 20, 10, 0))
        .isCloseTo(27.725887222397812, within(1e-9));
  }

  @Test
  void logLikelihoodRatioIsZeroWhenTogetherNoMoreOftenThanChance() {
    // i in half the baskets, j in half, together in a quarter: exactly independent
    assertThat(SimilarityMeasure.LOG_LIKELIHOOD_RATIO.score(25, 50, 50, 100, 25, 0)).isZero();
    assertThat(SimilarityMeasure.LOG_LIKELIHOOD_RATIO.score(10, 50, 50, 100, 10, 0)).isZero();
  }

  @Test
  void shrinkageMakesOneSharedBasketWeakerThanManyAtTheSameCosine() {
    double once = SimilarityMeasure.SHRUNK_COSINE.score(1, 1, 1, 100, 1, 5);
    double often = SimilarityMeasure.SHRUNK_COSINE.score(50, 50, 50, 100, 50, 5);

    assertThat(once).isCloseTo(1.0 / 6, within(1e-12));
    assertThat(often).isCloseTo(50.0 / 55, within(1e-12));
  }

  @Property
  void everyMeasureIsSymmetricAndNonNegative(
      @ForAll @IntRange(min = 1, max = 200) int both,
      @ForAll @IntRange(min = 0, max = 200) int onlyFirst,
      @ForAll @IntRange(min = 0, max = 200) int onlySecond,
      @ForAll @IntRange(min = 0, max = 500) int neither) {
    double first = both + onlyFirst;
    double second = both + onlySecond;
    double total = both + onlyFirst + onlySecond + neither;
    for (SimilarityMeasure m : SimilarityMeasure.values()) {
      double forward = m.score(both, first, second, total, both, 5);
      double backward = m.score(both, second, first, total, both, 5);
      assertThat(forward).isEqualTo(backward).isGreaterThanOrEqualTo(0);
    }
  }
}
