package dev.kairos.intelligence.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HypergeometricTest {

  @Test
  void matches_closed_forms() {
    for (double z : new double[] {0, 0.1, 0.5, 0.9, 0.99}) {
      double log = z == 0 ? 1 : -Math.log1p(-z) / z;
      assertThat(Hypergeometric.hyp2f1(1, 1, 2, z)).isCloseTo(log, within(1e-12 * log));
      double power = Math.pow(1 - z, -2.5);
      assertThat(Hypergeometric.hyp2f1(2.5, 3.7, 3.7, z)).isCloseTo(power, within(1e-11 * power));
    }
  }

  @Test
  void log_form_survives_parameters_where_the_plain_series_overflows() {
    // 2F1(a, b; b; z) = (1-z)^-a, far beyond the double range for a = 2000, z = 0.9
    double expected = -2000 * Math.log1p(-0.9);

    assertThat(Hypergeometric.logHyp2f1(2000, 5, 5, 0.9))
        .isCloseTo(expected, within(1e-8 * expected));
  }
}
