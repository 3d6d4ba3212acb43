package dev.kairos.intelligence.clv;

/** Fits BG/NBD by maximum likelihood over the log-parameters, with the analytic gradient. */
public final class BgNbdFitter {
  private final MinimumData minimumData;

  public BgNbdFitter(MinimumData minimumData) {
    this.minimumData = minimumData;
  }

  public BgNbdFitter() {
    this(MinimumData.DEFAULT);
  }

  public FitResult<BgNbdModel> fit(SufficientStatistics data) {
    String shortfall = minimumData.shortfall(data);
    if (shortfall != null) {
      return new FitResult.NotEnoughData<>(shortfall);
    }
    BgNbdLikelihood likelihood = new BgNbdLikelihood(data);
    LogLikelihoodMaximizer.Outcome outcome =
        LogLikelihoodMaximizer.maximize(
            (point, gradient) -> likelihood.evaluate(BgNbdParameters.fromLog(point), gradient),
            startingPoint(data),
            data.customers());
    if (!outcome.converged()) {
      return new FitResult.DidNotConverge<>("BG/NBD: " + outcome.failure());
    }
    BgNbdParameters estimates = BgNbdParameters.fromLog(outcome.logParameters());
    return new FitResult.Fitted<>(new BgNbdModel(estimates, outcome.logLikelihood()));
  }

  /** r = a = b = 1 and alpha = the mean age, so that the start does not depend on the time unit. */
  private static double[] startingPoint(SufficientStatistics data) {
    double ageSum = 0;
    for (int g = 0; g < data.groupWeight.length; g++) {
      ageSum += data.groupWeight[g] * data.times[data.groupAge[g]];
    }
    double meanAge = Math.max(ageSum / data.customers(), 1e-3);
    return new double[] {0, Math.log(meanAge), 0, 0};
  }
}
