package dev.kairos.intelligence.clv;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Predicts churn risk, next order date and value for every profile from the profiles' order
 * histories: the entry point for the server and the nightly job, which read the histories from the
 * database and write the predictions back.
 *
 * <p>All orders placed up to {@code now} are the calibration period, which ends with the day of
 * {@code now} in the settings' time zone; later orders are ignored. One model is fitted on all
 * profiles, then each profile with at least one order gets a prediction. Profiles without orders
 * get none. Too little data gives {@link FitResult.NotEnoughData} with the reason, not a model.
 */
public final class ClvPredictions {
  private final ClvSettings settings;

  public ClvPredictions(ClvSettings settings) {
    this.settings = settings;
  }

  public ClvPredictions() {
    this(ClvSettings.DEFAULT);
  }

  public FitResult<ProfileValuePredictions> predict(
      List<ProfileOrderHistory> histories, Instant now) {
    LocalDate today = LocalDate.ofInstant(now, settings.zone());
    Map<String, UUID> profiles = new HashMap<>();
    List<Transaction> transactions = new ArrayList<>();
    for (ProfileOrderHistory history : histories) {
      String id = history.profileId().toString();
      profiles.put(id, history.profileId());
      for (ProfileOrderHistory.Order order : history.orders()) {
        if (!order.placedAt().isAfter(now) && Double.isFinite(order.value())) {
          transactions.add(
              new Transaction(
                  id, LocalDate.ofInstant(order.placedAt(), settings.zone()), order.value()));
        }
      }
    }
    CalibrationSummary calibration =
        CalibrationSummary.of(transactions, today, settings.timeUnit());
    FitResult<CustomerValueModel> fit =
        new CustomerValueFitting(settings.minimumData()).fit(calibration, settings.model());
    if (!(fit instanceof FitResult.Fitted<CustomerValueModel> fitted)) {
      return fit instanceof FitResult.NotEnoughData<CustomerValueModel> n
          ? new FitResult.NotEnoughData<>(n.reason())
          : new FitResult.DidNotConverge<>(fit.reason());
    }
    CustomerValueModel model = fitted.model();
    Map<UUID, ProfileValuePrediction> byProfile = new HashMap<>();
    for (CustomerSummary customer : calibration.customers()) {
      UUID profileId = profiles.get(customer.customerId());
      byProfile.put(
          profileId,
          ProfileValuePrediction.of(profileId, today, model.predict(customer, settings.horizon())));
    }
    return new FitResult.Fitted<>(new ProfileValuePredictions(model, today, byProfile));
  }
}
