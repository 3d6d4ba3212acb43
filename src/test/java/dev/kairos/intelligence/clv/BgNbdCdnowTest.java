package dev.kairos.intelligence.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** BG/NBD reproduces Fader, Hardie &amp; Lee (2005) on the CDNOW sample. */
class BgNbdCdnowTest {

  @Test
  void fit_reproduces_the_published_estimates_on_the_cdnow_sample() {
    CalibrationSummary calibration = CdnowData.sampleCalibration();
    SufficientStatistics data = SufficientStatistics.of(calibration.customers());

    FitResult<BgNbdModel> result = new BgNbdFitter().fit(data);

    assertThat(result).isInstanceOf(FitResult.Fitted.class);
    BgNbdModel model = ((FitResult.Fitted<BgNbdModel>) result).model();
    BgNbdParameters p = model.estimates();
    assertThat(p.r()).isCloseTo(0.243, within(0.0005));
    assertThat(p.alpha()).isCloseTo(4.414, within(0.0005));
    assertThat(p.a()).isCloseTo(0.793, within(0.0005));
    assertThat(p.b()).isCloseTo(2.426, within(0.0005));
    assertThat(model.logLikelihood()).isCloseTo(-9582.4, within(0.05));
  }

  @Test
  void measuring_time_in_days_only_rescales_alpha() {
    CalibrationSummary days =
        CalibrationSummary.of(
            CdnowData.sampleTransactions(), CdnowData.CALIBRATION_END, ClvTimeUnit.DAYS);

    FitResult<BgNbdModel> result = new BgNbdFitter().fit(SufficientStatistics.of(days.customers()));

    BgNbdParameters p = ((FitResult.Fitted<BgNbdModel>) result).model().estimates();
    assertThat(p.r()).isCloseTo(0.243, within(0.0005));
    assertThat(p.alpha()).isCloseTo(4.414 * 7, within(0.0005 * 7));
    assertThat(p.a()).isCloseTo(0.793, within(0.0005));
    assertThat(p.b()).isCloseTo(2.426, within(0.0005));
  }
}
