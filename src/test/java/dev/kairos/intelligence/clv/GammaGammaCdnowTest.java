package dev.kairos.intelligence.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Gamma-Gamma reproduces Fader &amp; Hardie's note on the 946 repeat buyers of the CDNOW sample.
 */
class GammaGammaCdnowTest {

  @Test
  void fit_reproduces_the_published_estimates_on_the_cdnow_repeat_buyers() {
    SpendData data = SpendData.of(CdnowData.sampleCalibration().customers());

    FitResult<GammaGammaModel> result = new GammaGammaFitter().fit(data);

    assertThat(data.customers()).isEqualTo(946);
    assertThat(result).isInstanceOf(FitResult.Fitted.class);
    GammaGammaModel model = ((FitResult.Fitted<GammaGammaModel>) result).model();
    GammaGammaParameters p = model.estimates();
    assertThat(p.p()).isCloseTo(6.25, within(0.005));
    assertThat(p.q()).isCloseTo(3.74, within(0.005));
    assertThat(p.gamma()).isCloseTo(15.44, within(0.005));
  }

  @Test
  void expected_spend_shrinks_the_customers_mean_towards_the_population_mean() {
    GammaGammaModel model = new GammaGammaModel(new GammaGammaParameters(6.25, 3.74, 15.44), 0);

    double population = model.populationMeanSpend();
    double fewPurchases = model.expectedAverageSpend(1, 100);
    double manyPurchases = model.expectedAverageSpend(20, 100);

    assertThat(population).isCloseTo(6.25 * 15.44 / 2.74, within(1e-9));
    assertThat(fewPurchases).isBetween(population, 100.0);
    assertThat(manyPurchases).isBetween(fewPurchases, 100.0);
  }
}
