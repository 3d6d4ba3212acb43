package dev.kairos.intelligence.clv;

/** Fits the Gamma-Gamma spend model by maximum likelihood with the analytic gradient. */
public final class GammaGammaFitter {
  private final MinimumData minimumData;

  public GammaGammaFitter(MinimumData minimumData) {
    this.minimumData = minimumData;
  }

  public GammaGammaFitter() {
    this(MinimumData.DEFAULT);
  }

  public FitResult<GammaGammaModel> fit(SpendData data) {
    if (data.customers() < minimumData.repeatBuyers()) {
      return new FitResult.NotEnoughData<>(
          String.format(
              "%d repeat buyers with a positive spend; at least %d are needed for the spend model",
              data.customers(), minimumData.repeatBuyers()));
    }
    GammaGammaLikelihood likelihood = new GammaGammaLikelihood(data);
    LogLikelihoodMaximizer.Outcome outcome =
        LogLikelihoodMaximizer.maximize(
            new LogLikelihoodMaximizer.WithHessian() {
              @Override
              public double evaluate(double[] point, double[] gradient) {
                return likelihood.evaluate(GammaGammaParameters.fromLog(point), gradient);
              }

              @Override
              public void hessian(double[] point, double[][] hessian) {
                likelihood.evaluate(GammaGammaParameters.fromLog(point), null, hessian);
              }
            },
            startingPoint(data),
            data.customers());
    if (!outcome.converged()) {
      return new FitResult.DidNotConverge<>("Gamma-Gamma: " + outcome.failure());
    }
    return new FitResult.Fitted<>(
        new GammaGammaModel(
            GammaGammaParameters.fromLog(outcome.logParameters()), outcome.logLikelihood()));
  }

  /** p = q = 1 and γ = the mean spend, so that the start does not depend on the currency. */
  private static double[] startingPoint(SpendData data) {
    double sum = 0;
    for (double m : data.meanValue) {
      sum += m;
    }
    return new double[] {0, 0, Math.log(sum / data.customers())};
  }
}
