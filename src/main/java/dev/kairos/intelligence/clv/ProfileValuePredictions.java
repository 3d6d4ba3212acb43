package dev.kairos.intelligence.clv;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/** The model fitted on all profiles' histories and the prediction for each profile with orders. */
public record ProfileValuePredictions(
    CustomerValueModel model, LocalDate asOf, Map<UUID, ProfileValuePrediction> byProfile) {

  public ProfileValuePredictions {
    byProfile = Map.copyOf(byProfile);
  }
}
