package dev.kairos.intelligence.clv;

/**
 * Fits the repeat-purchase model and the Gamma-Gamma spend model on one calibration period,
 * applying the minimum-data rule first.
 */
public final class CustomerValueFitting {
  private final MinimumData minimumData;

  public CustomerValueFitting(MinimumData minimumData) {
    this.minimumData = minimumData;
  }

  public CustomerValueFitting() {
    this(MinimumData.DEFAULT);
  }

  public FitResult<CustomerValueModel> fit(
      CalibrationSummary calibration, RepeatPurchaseModelChoice choice) {
    SufficientStatistics data = SufficientStatistics.of(calibration.customers());
    FitResult<? extends RepeatPurchaseModel> purchases =
        switch (choice) {
          case BGNBD -> new BgNbdFitter(minimumData).fit(data);
          case PARETO -> new ParetoNbdFitter(minimumData).fit(data);
        };
    if (!(purchases instanceof FitResult.Fitted<? extends RepeatPurchaseModel> fittedPurchases)) {
      return withoutModel(purchases);
    }
    FitResult<GammaGammaModel> spend =
        new GammaGammaFitter(minimumData).fit(SpendData.of(calibration.customers()));
    if (!(spend instanceof FitResult.Fitted<GammaGammaModel> fittedSpend)) {
      return withoutModel(spend);
    }
    return new FitResult.Fitted<>(
        new CustomerValueModel(
            fittedPurchases.model(),
            fittedSpend.model(),
            calibration.calibrationEnd(),
            calibration.timeUnit()));
  }

  private static FitResult<CustomerValueModel> withoutModel(FitResult<?> failed) {
    if (failed instanceof FitResult.NotEnoughData<?> n) {
      return new FitResult.NotEnoughData<>(n.reason());
    }
    return new FitResult.DidNotConverge<>(failed.reason());
  }
}
