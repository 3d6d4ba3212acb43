package dev.kairos.intelligence;

import dev.kairos.intelligence.clv.CalibrationSummary;
import dev.kairos.intelligence.clv.ClvPredictions;
import dev.kairos.intelligence.clv.ClvSettings;
import dev.kairos.intelligence.clv.FitResult;
import dev.kairos.intelligence.clv.ProfileOrderHistory;
import dev.kairos.intelligence.clv.ProfileValuePrediction;
import dev.kairos.intelligence.clv.ProfileValuePredictions;
import dev.kairos.intelligence.rfm.CustomerOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Fits the CLV models (BG/NBD and Gamma-Gamma) on the shop's order history and predicts every
 * customer's P(alive), expected orders, next order day and value (see docs/clv.md).
 *
 * <ul>
 *   <li>Full recompute: one fit on every profile's orders, stored as a model row whatever its
 *       outcome. When the fit is refused (not enough data) or fails (no convergence, or predictions
 *       that are not sane numbers), the stored predictions are left as they were: those of the last
 *       successful fit, if any, dated by their {@code clv_computed_at}.
 *   <li>Incremental pass: the changed profiles are predicted with the parameters of the newest
 *       successful fit, as of now; nothing is fitted. Without a successful fit, nothing is done.
 * </ul>
 *
 * An order whose value net of refunds is not positive (refunded in full) is not a purchase here.
 */
public final class ClvStep implements RecomputeStep {

  /** Where fits and predictions are kept. */
  public interface Results {
    void saveFit(ClvFit fit);

    /** The newest fit whose outcome is {@code fitted}. */
    Optional<ClvFit> latestFitted();

    /** Sets (present) or clears (empty) the predictions of each profile in {@code changes}. */
    void savePredictions(Map<UUID, Optional<ValuePrediction>> changes, Instant asOf);
  }

  private final ClvSettings settings;
  private final ClvPredictions predictions;
  private final Results results;

  public ClvStep(ClvSettings settings, Results results) {
    this.settings = settings;
    this.predictions = new ClvPredictions(settings);
    this.results = results;
  }

  @Override
  public String name() {
    return "clv";
  }

  @Override
  public StepOutcome recomputeAll(ShopHistory shop) {
    List<ProfileOrderHistory> histories = histories(shop);
    long started = System.nanoTime();
    CalibrationSummary calibration = predictions.calibration(histories, shop.asOf());
    FitResult<ProfileValuePredictions> result = predictions.predict(histories, shop.asOf());
    long fitMillis = (System.nanoTime() - started) / 1_000_000;
    if (result instanceof FitResult.Fitted<ProfileValuePredictions> fitted) {
      Optional<String> problem = problemWith(fitted.model());
      if (problem.isPresent()) {
        result = new FitResult.DidNotConverge<>("the fitted model predicts " + problem.get());
      }
    }
    Optional<ProfileValuePredictions> fitted =
        result instanceof FitResult.Fitted<ProfileValuePredictions> f
            ? Optional.of(f.model())
            : Optional.empty();
    ClvFit fit =
        new ClvFit(
            shop.asOf(),
            settings.model().name().toLowerCase(Locale.ROOT),
            outcome(result),
            Optional.ofNullable(result.reason()),
            fitted.map(ProfileValuePredictions::model),
            calibration.customers().size(),
            calibration.repeatBuyers(),
            calibration.calibrationEnd(),
            settings.timeUnit(),
            fitMillis);
    results.saveFit(fit);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("outcome", fit.outcome().value());
    fit.reason().ifPresent(reason -> figures.put("reason", reason));
    figures.put("customers", fit.customers());
    figures.put("repeat_buyers", fit.repeatBuyers());
    figures.put("fit_ms", fitMillis);
    if (fitted.isEmpty()) {
      return new StepOutcome(name(), 0, 0, figures);
    }
    figures.put("model", fit.modelName());
    figures.put("parameters", fit.purchaseParameters());
    figures.put("predicted", fitted.get().byProfile().size());
    return new StepOutcome(name(), save(shop, fitted.get()), 0, figures);
  }

  @Override
  public StepOutcome rescore(ShopHistory changed) {
    Optional<ClvFit> last = results.latestFitted();
    if (last.isEmpty()) {
      return new StepOutcome(
          name(), 0, 0, Map.of("skipped", "no fitted model yet: the full recompute fits one"));
    }
    ProfileValuePredictions predicted =
        predictions.predictWith(
            last.get().model().orElseThrow(), histories(changed), changed.asOf());
    Optional<String> problem = problemWith(predicted);
    if (problem.isPresent()) {
      return new StepOutcome(
          name(), 0, 0, Map.of("skipped", "the stored model predicts " + problem.get()));
    }
    return new StepOutcome(
        name(),
        save(changed, predicted),
        0,
        Map.of("model_of", last.get().computedAt().toString()));
  }

  /** Writes the predictions that differ from the stored ones; returns how many profiles changed. */
  private int save(ShopHistory shop, ProfileValuePredictions predicted) {
    Map<UUID, Optional<ValuePrediction>> changes = new LinkedHashMap<>();
    for (ProfileInputs profile : shop.profiles().values()) {
      UUID id = profile.profileId();
      Optional<ValuePrediction> after =
          Optional.ofNullable(predicted.byProfile().get(id))
              .map(p -> ValuePrediction.of(p, settings.zone()));
      if (!after.equals(profile.stored().valuePrediction())) {
        changes.put(id, after);
      }
    }
    results.savePredictions(changes, shop.asOf());
    return changes.size();
  }

  private static Optional<String> problemWith(ProfileValuePredictions predicted) {
    for (ProfileValuePrediction p : predicted.byProfile().values()) {
      Optional<String> problem = ValuePrediction.problemWith(p);
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  private static ClvFit.Outcome outcome(FitResult<?> result) {
    if (result instanceof FitResult.Fitted<?>) {
      return ClvFit.Outcome.FITTED;
    }
    return result instanceof FitResult.NotEnoughData<?>
        ? ClvFit.Outcome.NOT_ENOUGH_DATA
        : ClvFit.Outcome.DID_NOT_CONVERGE;
  }

  private static List<ProfileOrderHistory> histories(ShopHistory shop) {
    List<ProfileOrderHistory> histories = new ArrayList<>(shop.profiles().size());
    for (UUID id : shop.profiles().keySet()) {
      List<ProfileOrderHistory.Order> orders = new ArrayList<>();
      for (CustomerOrder order : shop.ordersOf(id)) {
        if (order.value().signum() > 0) {
          orders.add(new ProfileOrderHistory.Order(order.placedAt(), order.value().doubleValue()));
        }
      }
      if (!orders.isEmpty()) {
        histories.add(new ProfileOrderHistory(id, orders));
      }
    }
    return histories;
  }
}
