package dev.kairos.intelligence.clv;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/** A profile's predicted value and churn risk, as of a day; see {@link CustomerPrediction}. */
public record ProfileValuePrediction(
    UUID profileId,
    LocalDate asOf,
    double probabilityAlive,
    double churnRisk,
    double expectedOrders30Days,
    double expectedOrders90Days,
    double expectedOrders365Days,
    Optional<LocalDate> nextOrderDate,
    double expectedAverageSpend,
    double historicValue,
    double predictedValue) {

  static ProfileValuePrediction of(UUID profileId, LocalDate asOf, CustomerPrediction p) {
    return new ProfileValuePrediction(
        profileId,
        asOf,
        p.probabilityAlive(),
        p.churnRisk(),
        p.expectedOrders30Days(),
        p.expectedOrders90Days(),
        p.expectedOrders365Days(),
        p.nextOrderDate(),
        p.expectedAverageSpend(),
        p.historicValue(),
        p.predictedValue());
  }
}
