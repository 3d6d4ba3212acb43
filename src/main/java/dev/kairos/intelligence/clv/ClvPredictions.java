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
    CalibrationSummary calibration = calibration(histories, now, settings.timeUnit());
    FitResult<CustomerValueModel> fit =
        new CustomerValueFitting(settings.minimumData()).fit(calibration, settings.model());
    if (!(fit instanceof FitResult.Fitted<CustomerValueModel> fitted)) {
      return fit instanceof FitResult.NotEnoughData<CustomerValueModel> n
          ? new FitResult.NotEnoughData<>(n.reason())
          : new FitResult.DidNotConverge<>(fit.reason());
    }
    return new FitResult.Fitted<>(predictAll(fitted.model(), calibration));
  }

  /**
   * Predicts with a model fitted earlier (its parameters unchanged), as of {@code now}: each
   * customer's recency and age are measured to the day of {@code now}, so the predictions are what
   * the model says about the profiles today. For rescoring a few profiles between fits.
   */
  public ProfileValuePredictions predictWith(
      CustomerValueModel model, List<ProfileOrderHistory> histories, Instant now) {
    CalibrationSummary calibration = calibration(histories, now, model.timeUnit());
    return predictAll(
        new CustomerValueModel(
            model.purchases(), model.spend(), calibration.calibrationEnd(), model.timeUnit()),
        calibration);
  }

  /**
   * The calibration period of the histories as of {@code now}: who counts as a customer and who as
   * a repeat buyer for the minimum-data rule.
   */
  public CalibrationSummary calibration(List<ProfileOrderHistory> histories, Instant now) {
    return calibration(histories, now, settings.timeUnit());
  }

  private CalibrationSummary calibration(
      List<ProfileOrderHistory> histories, Instant now, ClvTimeUnit unit) {
    LocalDate today = LocalDate.ofInstant(now, settings.zone());
    List<Transaction> transactions = new ArrayList<>();
    for (ProfileOrderHistory history : histories) {
      String id = history.profileId().toString();
      for (ProfileOrderHistory.Order order : history.orders()) {
        if (!order.placedAt().isAfter(now) && Double.isFinite(order.value())) {
          transactions.add(
              new Transaction(
                  id, LocalDate.ofInstant(order.placedAt(), settings.zone()), order.value()));
        }
      }
    }
    return CalibrationSummary.of(transactions, today, unit);
  }

  private ProfileValuePredictions predictAll(
      CustomerValueModel model, CalibrationSummary calibration) {
    LocalDate today = calibration.calibrationEnd();
    Map<UUID, ProfileValuePrediction> byProfile = new HashMap<>();
    for (CustomerSummary customer : calibration.customers()) {
      UUID profileId = UUID.fromString(customer.customerId());
      byProfile.put(
          profileId,
          ProfileValuePrediction.of(profileId, today, model.predict(customer, settings.horizon())));
    }
    return new ProfileValuePredictions(model, today, byProfile);
  }
}
