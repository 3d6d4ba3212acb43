package dev.kairos.intelligence.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Pareto/NBD reproduces the published estimates on the CDNOW sample. */
class ParetoNbdCdnowTest {

  @Test
  void fit_reproduces_the_published_estimates_on_the_cdnow_sample() {
    SufficientStatistics data = SufficientStatistics.of(CdnowData.sampleCalibration().customers());

    FitResult<ParetoNbdModel> result = new ParetoNbdFitter().fit(data);

    assertThat(result).isInstanceOf(FitResult.Fitted.class);
    ParetoNbdModel model = ((FitResult.Fitted<ParetoNbdModel>) result).model();
    ParetoNbdParameters p = model.estimates();
    assertThat(p.r()).isCloseTo(0.55, within(0.005));
    assertThat(p.alpha()).isCloseTo(10.58, within(0.005));
    assertThat(p.s()).isCloseTo(0.61, within(0.005));
    assertThat(p.beta()).isCloseTo(11.67, within(0.005));
    assertThat(model.logLikelihood()).isCloseTo(-9595.0, within(0.05));
  }
}
