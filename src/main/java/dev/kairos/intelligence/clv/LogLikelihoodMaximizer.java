package dev.kairos.intelligence.clv;

import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximises a log-likelihood over unconstrained log-parameters.
 *
 * <p>With an analytic gradient: Newton's method with a line search. The Hessian is the forward
 * difference of the analytic gradient (one extra gradient per parameter), made negative definite by
 * flipping and flooring its eigenvalues (Hipparchus' symmetric eigen-decomposition), so every step
 * is an ascent direction; steps are halved until the Armijo condition holds. A handful of
 * iterations suffice, where a conjugate-gradient method with line searches needs hundreds of
 * evaluations (see docs/decisions/0002-clv-models.md). The objective is the mean log-likelihood per
 * customer, so that tolerances do not depend on the number of customers.
 */
final class LogLikelihoodMaximizer {

  /** A log-likelihood with its gradient written into {@code gradient} (when not null). */
  interface Objective {
    double evaluate(double[] logParameters, double[] gradient);
  }

  /** An objective that also knows its Hessian, which then replaces the finite differences. */
  interface WithHessian extends Objective {
    void hessian(double[] logParameters, double[][] hessian);
  }

  /** The optimum found, or why none was. */
  record Outcome(double[] logParameters, double logLikelihood, int evaluations, String failure) {
    boolean converged() {
      return failure == null;
    }
  }

  private static final int MAX_ITERATIONS = 200;
  private static final int MAX_EVALUATIONS = 20_000;
  private static final double GRADIENT_TOLERANCE = 1e-9;
  private static final double STEP_TOLERANCE = 1e-10;
  private static final double HESSIAN_STEP = 1e-6;
  private static final double MAX_STEP = 5;

  private LogLikelihoodMaximizer() {}

  /** Log-parameters beyond ±16 (e^16 ≈ 9·10^6) mean the data do not pin the parameter down. */
  private static final double DIVERGENCE_BOUND = 16;

  static Outcome maximize(Objective objective, double[] start, double weight) {
    try {
      return newton(objective, start, weight);
    } catch (MathIllegalStateException | IllegalArgumentException | ArithmeticException e) {
      return new Outcome(start, Double.NaN, 0, "numerical failure: " + e.getMessage());
    }
  }

  private static Outcome newton(Objective objective, double[] start, double weight) {
    int n = start.length;
    Objective mean =
        (point, gradient) -> {
          double value = objective.evaluate(point, gradient) / weight;
          if (gradient != null) {
            for (int i = 0; i < n; i++) {
              gradient[i] /= weight;
            }
          }
          return value;
        };
    if (objective instanceof WithHessian analytic) {
      mean =
          new WithHessian() {
            @Override
            public double evaluate(double[] point, double[] gradient) {
              double value = objective.evaluate(point, gradient) / weight;
              if (gradient != null) {
                for (int i = 0; i < n; i++) {
                  gradient[i] /= weight;
                }
              }
              return value;
            }

            @Override
            public void hessian(double[] point, double[][] hessian) {
              analytic.hessian(point, hessian);
              for (double[] row : hessian) {
                for (int j = 0; j < n; j++) {
                  row[j] /= weight;
                }
              }
            }
          };
    }
    double[] x = start.clone();
    double[] g = new double[n];
    double f = mean.evaluate(x, g);
    int evaluations = 1;
    if (!Double.isFinite(f)) {
      return new Outcome(start, f, evaluations, "the log-likelihood is not finite at the start");
    }
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      if (maxAbs(g) < GRADIENT_TOLERANCE) {
        return new Outcome(x, f * weight, evaluations, null);
      }
      double[] direction = newtonDirection(mean, x, g);
      evaluations += mean instanceof WithHessian ? 1 : n;
      double length = maxAbs(direction);
      if (length > MAX_STEP) {
        for (int i = 0; i < n; i++) {
          direction[i] *= MAX_STEP / length; // a factor e^5 per step at most: no wild jumps
        }
      }
      double slope = dot(g, direction);
      double step = 1;
      double[] candidate = new double[n];
      double[] candidateGradient = new double[n];
      double candidateValue;
      while (true) {
        for (int i = 0; i < n; i++) {
          candidate[i] = x[i] + step * direction[i];
        }
        candidateValue = mean.evaluate(candidate, candidateGradient);
        evaluations++;
        if (candidateValue >= f + 1e-4 * step * slope) {
          break;
        }
        step /= 2;
        if (step < 1e-12) {
          return new Outcome(x, f * weight, evaluations, null); // no ascent left: at the maximum
        }
      }
      double moved = step * maxAbs(direction);
      if (maxAbs(candidate) > DIVERGENCE_BOUND) {
        return new Outcome(
            candidate,
            candidateValue * weight,
            evaluations,
            "a parameter diverges (e^"
                + Math.round(maxAbs(candidate))
                + "): the data do not identify it");
      }
      x = candidate;
      f = candidateValue;
      g = candidateGradient;
      if (moved < STEP_TOLERANCE) {
        return new Outcome(x, f * weight, evaluations, null);
      }
    }
    return new Outcome(
        x, f * weight, evaluations, "no maximum after " + MAX_ITERATIONS + " Newton iterations");
  }

  /** −H⁻¹ g with H the finite-difference Hessian, its eigenvalues forced negative. */
  private static double[] newtonDirection(Objective objective, double[] x, double[] g) {
    int n = x.length;
    RealMatrix hessian = new Array2DRowRealMatrix(n, n);
    if (objective instanceof WithHessian analytic) {
      double[][] h = new double[n][n];
      analytic.hessian(x, h);
      hessian = new Array2DRowRealMatrix(h, false);
    }
    double[] shifted = new double[n];
    for (int j = 0; j < n && !(objective instanceof WithHessian); j++) {
      double[] point = x.clone();
      double h = HESSIAN_STEP * Math.max(1, Math.abs(x[j]));
      point[j] += h;
      objective.evaluate(point, shifted);
      for (int i = 0; i < n; i++) {
        hessian.addToEntry(i, j, 0.5 * (shifted[i] - g[i]) / h);
        hessian.addToEntry(j, i, 0.5 * (shifted[i] - g[i]) / h);
      }
    }
    EigenDecompositionSymmetric eigen = new EigenDecompositionSymmetric(hessian);
    double[] values = eigen.getEigenvalues();
    double largest = 0;
    for (double v : values) {
      largest = Math.max(largest, Math.abs(v));
    }
    double floor = Math.max(largest * 1e-10, 1e-300);
    RealVector gradient = new ArrayRealVector(g, false);
    RealVector direction = new ArrayRealVector(n);
    for (int k = 0; k < n; k++) {
      RealVector v = eigen.getEigenvector(k);
      double curvature = Math.max(Math.abs(values[k]), floor);
      direction = direction.add(v.mapMultiply(v.dotProduct(gradient) / curvature));
    }
    return direction.toArray();
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

  private static double maxAbs(double[] v) {
    double max = 0;
    for (double e : v) {
      max = Math.max(max, Math.abs(e));
    }
    return max;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
