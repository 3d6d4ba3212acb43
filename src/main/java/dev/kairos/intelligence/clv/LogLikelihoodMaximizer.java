package dev.kairos.intelligence.clv;

import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.MaxIter;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.hipparchus.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximises a log-likelihood over unconstrained log-parameters with Hipparchus' non-linear
 * conjugate gradient optimiser (Polak–Ribière) and the analytic gradient. The objective is the mean
 * log-likelihood per customer, so that tolerances do not depend on the number of customers.
 */
final class LogLikelihoodMaximizer {

  /** A log-likelihood with its gradient written into {@code gradient} (when not null). */
  interface Objective {
    double evaluate(double[] logParameters, double[] gradient);
  }

  /** The optimum found, or why none was. */
  record Outcome(double[] logParameters, double logLikelihood, int evaluations, String failure) {
    boolean converged() {
      return failure == null;
    }
  }

  private static final int MAX_EVALUATIONS = 20_000;

  private LogLikelihoodMaximizer() {}

  static Outcome maximize(Objective objective, double[] start, double weight) {
    int dimension = start.length;
    int[] evaluations = {0};
    ObjectiveFunction value =
        new ObjectiveFunction(
            point -> {
              evaluations[0]++;
              double v = objective.evaluate(point, null) / weight;
              return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
            });
    ObjectiveFunctionGradient gradient =
        new ObjectiveFunctionGradient(
            point -> {
              double[] g = new double[dimension];
              objective.evaluate(point, g);
              for (int i = 0; i < dimension; i++) {
                g[i] /= weight;
              }
              return g;
            });
    NonLinearConjugateGradientOptimizer optimizer =
        new NonLinearConjugateGradientOptimizer(
            NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE,
            new SimpleValueChecker(1e-12, 1e-13),
            1e-8,
            1e-8,
            0.5);
    try {
      PointValuePair optimum =
          optimizer.optimize(
              new MaxEval(MAX_EVALUATIONS),
              new MaxIter(MAX_EVALUATIONS),
              value,
              gradient,
              GoalType.MAXIMIZE,
              new InitialGuess(start));
      double[] point = optimum.getPoint();
      double ll = objective.evaluate(point, null);
      if (!Double.isFinite(ll)) {
        return new Outcome(point, ll, evaluations[0], "the log-likelihood is not finite");
      }
      return new Outcome(point, ll, evaluations[0], null);
    } catch (MathIllegalStateException e) {
      return new Outcome(start, Double.NaN, evaluations[0], e.getMessage());
    }
  }

  /**
   * Maximises without a gradient (Nelder–Mead simplex), restarting from the best point until a
   * restart no longer improves the mean log-likelihood by more than 1e-10: a single simplex run
   * tends to stop early on the flat ridges of these likelihoods.
   */
  static Outcome maximizeWithoutGradient(Objective objective, double[] start, double weight) {
    int[] evaluations = {0};
    ObjectiveFunction value =
        new ObjectiveFunction(
            point -> {
              evaluations[0]++;
              double v = objective.evaluate(point, null) / weight;
              return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
            });
    double[] point = start.clone();
    double best = Double.NEGATIVE_INFINITY;
    try {
      for (int restart = 0; restart < 20; restart++) {
        SimplexOptimizer optimizer = new SimplexOptimizer(new SimpleValueChecker(1e-13, 1e-14));
        PointValuePair optimum =
            optimizer.optimize(
                new MaxEval(MAX_EVALUATIONS),
                value,
                GoalType.MAXIMIZE,
                new InitialGuess(point),
                new NelderMeadSimplex(point.length, 0.2));
        boolean improved = optimum.getValue() > best + 1e-10;
        if (optimum.getValue() > best) {
          best = optimum.getValue();
          point = optimum.getPoint();
        }
        if (!improved) {
          break;
        }
      }
    } catch (MathIllegalStateException e) {
      return new Outcome(start, Double.NaN, evaluations[0], e.getMessage());
    }
    double ll = objective.evaluate(point, null);
    if (!Double.isFinite(ll)) {
      return new Outcome(point, ll, evaluations[0], "the log-likelihood is not finite");
    }
    return new Outcome(point, ll, evaluations[0], null);
  }
}
