package dev.kairos.intelligence.clv;

/**
 * Fits Pareto/NBD by maximum likelihood over the log-parameters. Its likelihood involves the
 * hypergeometric function, whose parameter derivatives have no convenient closed form, so the
 * optimiser is the derivative-free Nelder–Mead simplex.
 */
public final class ParetoNbdFitter {
  private final MinimumData minimumData;

  public ParetoNbdFitter(MinimumData minimumData) {
    this.minimumData = minimumData;
  }

  public ParetoNbdFitter() {
    this(MinimumData.DEFAULT);
  }

  public FitResult<ParetoNbdModel> fit(SufficientStatistics data) {
    String shortfall = minimumData.shortfall(data);
    if (shortfall != null) {
      return new FitResult.NotEnoughData<>(shortfall);
    }
    ParetoNbdLikelihood likelihood = new ParetoNbdLikelihood(data);
    double logMeanAge = Math.log(meanAge(data));
    LogLikelihoodMaximizer.Outcome outcome =
        LogLikelihoodMaximizer.maximizeWithoutGradient(
            (point, gradient) -> likelihood.logLikelihood(ParetoNbdParameters.fromLog(point)),
            new double[] {0, logMeanAge, 0, logMeanAge},
            data.customers());
    if (!outcome.converged()) {
      return new FitResult.DidNotConverge<>("Pareto/NBD: " + outcome.failure());
    }
    return new FitResult.Fitted<>(
        new ParetoNbdModel(
            ParetoNbdParameters.fromLog(outcome.logParameters()), outcome.logLikelihood()));
  }

  private static double meanAge(SufficientStatistics data) {
    double sum = 0;
    for (int g = 0; g < data.groupWeight.length; g++) {
      sum += data.groupWeight[g] * data.times[data.groupAge[g]];
    }
    return Math.max(sum / data.customers(), 1e-3);
  }
}
