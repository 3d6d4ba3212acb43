package dev.kairos.intelligence;

import dev.kairos.intelligence.clv.ProfileValuePrediction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A profile's CLV predictions as stored on the profile: probabilities and expected orders rounded
 * to four decimals, values to cents, the next order day as its start in the workspace's time zone.
 * Rounded like the stored columns, so an unchanged prediction equals the stored one and is not
 * written again.
 */
public record ValuePrediction(
    double probabilityAlive,
    double churnRisk,
    double expectedOrders30Days,
    double expectedOrders90Days,
    double expectedOrders365Days,
    Optional<Instant> expectedNextOrderAt,
    BigDecimal predictedValue,
    BigDecimal historicValue,
    BigDecimal expectedAverageSpend) {

  static ValuePrediction of(ProfileValuePrediction p, ZoneId zone) {
    return new ValuePrediction(
        fourDecimals(p.probabilityAlive()),
        fourDecimals(p.churnRisk()),
        fourDecimals(p.expectedOrders30Days()),
        fourDecimals(p.expectedOrders90Days()),
        fourDecimals(p.expectedOrders365Days()),
        p.nextOrderDate().map(day -> day.atStartOfDay(zone).toInstant()),
        cents(p.predictedValue()),
        cents(p.historicValue()),
        cents(p.expectedAverageSpend()));
  }

  /**
   * Why a prediction is not fit to store (a value that is not a number, a probability outside [0,
   * 1], a negative expectation), or empty when it is. A fitted model whose predictions fail this is
   * treated as not converged.
   */
  static Optional<String> problemWith(ProfileValuePrediction p) {
    double[] values = {
      p.probabilityAlive(),
      p.churnRisk(),
      p.expectedOrders30Days(),
      p.expectedOrders90Days(),
      p.expectedOrders365Days(),
      p.expectedAverageSpend(),
      p.historicValue(),
      p.predictedValue()
    };
    for (double value : values) {
      if (!Double.isFinite(value) || Math.abs(value) >= 1e15) {
        return Optional.of("a prediction is not a finite number (" + value + ")");
      }
    }
    if (p.probabilityAlive() < 0 || p.probabilityAlive() > 1) {
      return Optional.of("P(alive) outside [0, 1]: " + p.probabilityAlive());
    }
    if (p.expectedOrders30Days() < 0 || p.predictedValue() < 0) {
      return Optional.of("a negative expectation of orders or value");
    }
    return Optional.empty();
  }

  private static double fourDecimals(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }

  private static BigDecimal cents(double value) {
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
  }
}
