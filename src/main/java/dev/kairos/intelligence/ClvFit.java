package dev.kairos.intelligence;

import dev.kairos.intelligence.clv.BgNbdModel;
import dev.kairos.intelligence.clv.BgNbdParameters;
import dev.kairos.intelligence.clv.ClvTimeUnit;
import dev.kairos.intelligence.clv.CustomerValueModel;
import dev.kairos.intelligence.clv.GammaGammaModel;
import dev.kairos.intelligence.clv.GammaGammaParameters;
import dev.kairos.intelligence.clv.ParetoNbdModel;
import dev.kairos.intelligence.clv.ParetoNbdParameters;
import dev.kairos.intelligence.clv.RepeatPurchaseModel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt of the full recompute to fit the CLV models: the fitted model, or the reason there is
 * none (too little data, no convergence).
 *
 * @param modelName the repeat-purchase model tried: {@code bgnbd} or {@code pareto}
 * @param customers customers in the calibration period (profiles with an order up to the day)
 * @param repeatBuyers those of them with a purchase on more than one day
 * @param calibrationEnd the last day of the calibration period, in the workspace's time zone
 */
public record ClvFit(
    Instant computedAt,
    String modelName,
    Outcome outcome,
    Optional<String> reason,
    Optional<CustomerValueModel> model,
    int customers,
    int repeatBuyers,
    LocalDate calibrationEnd,
    ClvTimeUnit timeUnit,
    long fitMillis) {

  public enum Outcome {
    FITTED,
    NOT_ENOUGH_DATA,
    DID_NOT_CONVERGE;

    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Outcome of(String value) {
      return valueOf(value.toUpperCase(Locale.ROOT));
    }
  }

  public ClvFit {
    Objects.requireNonNull(computedAt, "computedAt");
    if ((outcome == Outcome.FITTED) != model.isPresent()
        || model.isPresent() == reason.isPresent()) {
      throw new IllegalArgumentException("a fitted model has no reason; a failed fit has no model");
    }
  }

  /** The repeat-purchase model's parameters ({@code r, alpha, a, b} for BG/NBD). */
  public Map<String, Double> purchaseParameters() {
    return model.map(m -> m.purchases().parameters()).orElse(Map.of());
  }

  /** The Gamma-Gamma spend model's parameters {@code p, q, gamma}. */
  public Map<String, Double> spendParameters() {
    if (model.isEmpty()) {
      return Map.of();
    }
    Map<String, Double> spend = new LinkedHashMap<>();
    spend.put("p", model.get().spend().estimates().p());
    spend.put("q", model.get().spend().estimates().q());
    spend.put("gamma", model.get().spend().estimates().gamma());
    return spend;
  }

  /**
   * The model as fitted, from stored parameters ({@link #purchaseParameters}, {@link
   * #spendParameters}).
   *
   * @throws IllegalArgumentException when a parameter is missing or not positive
   */
  public static CustomerValueModel restore(
      String modelName,
      Map<String, Double> purchases,
      double logLikelihood,
      Map<String, Double> spend,
      double spendLogLikelihood,
      LocalDate calibrationEnd,
      ClvTimeUnit timeUnit) {
    RepeatPurchaseModel purchaseModel =
        switch (modelName) {
          case "bgnbd" ->
              new BgNbdModel(
                  new BgNbdParameters(
                      get(purchases, "r"),
                      get(purchases, "alpha"),
                      get(purchases, "a"),
                      get(purchases, "b")),
                  logLikelihood);
          case "pareto" ->
              new ParetoNbdModel(
                  new ParetoNbdParameters(
                      get(purchases, "r"),
                      get(purchases, "alpha"),
                      get(purchases, "s"),
                      get(purchases, "beta")),
                  logLikelihood);
          default -> throw new IllegalArgumentException("unknown CLV model: " + modelName);
        };
    GammaGammaModel spendModel =
        new GammaGammaModel(
            new GammaGammaParameters(get(spend, "p"), get(spend, "q"), get(spend, "gamma")),
            spendLogLikelihood);
    return new CustomerValueModel(purchaseModel, spendModel, calibrationEnd, timeUnit);
  }

  private static double get(Map<String, Double> parameters, String name) {
    Double value = parameters.get(name);
    if (value == null) {
      throw new IllegalArgumentException("stored CLV parameters lack " + name);
    }
    return value;
  }
}
