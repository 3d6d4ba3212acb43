package dev.kairos.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.intelligence.clv.CalibrationSummary;
import dev.kairos.intelligence.clv.ClvTimeUnit;
import dev.kairos.intelligence.clv.CustomerPrediction;
import dev.kairos.intelligence.clv.CustomerSummary;
import dev.kairos.intelligence.clv.CustomerValueFitting;
import dev.kairos.intelligence.clv.CustomerValueModel;
import dev.kairos.intelligence.clv.FitResult;
import dev.kairos.intelligence.clv.GammaGammaParameters;
import dev.kairos.intelligence.clv.HoldoutCheck;
import dev.kairos.intelligence.clv.HoldoutPeriod;
import dev.kairos.intelligence.clv.RepeatPurchaseModelChoice;
import dev.kairos.intelligence.clv.SpendData;
import dev.kairos.intelligence.clv.Transaction;
import dev.kairos.intelligence.clv.ValueHorizon;
import dev.kairos.intelligence.clv.io.CdnowTransactionReader;
import dev.kairos.intelligence.clv.io.CsvTransactionReader;
import dev.kairos.intelligence.clv.io.TransactionReadResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Customer lifetime value models: {@code kairos clv fit}. */
@Command(
    mixinStandardHelpOptions = true,
    name = "clv",
    description = "Fit and inspect customer lifetime value models.",
    subcommands = {ClvCommand.Fit.class})
public final class ClvCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Exit code of {@code kairos clv fit}: a model was fitted. */
  static final int OK = 0;

  /** Exit code: not enough data, or the fit did not converge; the JSON output says why. */
  static final int NOT_ENOUGH_DATA = 1;

  /** Exit code: a bad option or input line, named on stderr. */
  static final int BAD_INPUT = 2;

  /**
   * {@code kairos clv fit}: read transactions, fit BG/NBD (or Pareto/NBD) and Gamma-Gamma on the
   * calibration period, check against the holdout period, print JSON.
   */
  @Command(
      mixinStandardHelpOptions = true,
      name = "fit",
      description = {
        "Fit the repeat-purchase and spend models on transactions up to --calibration-end",
        "and print the parameters, the fit and (with --holdout-end) a holdout check as JSON.",
        "Exit codes: 0 fitted, 1 not enough data or no convergence, 2 bad input."
      })
  static final class Fit implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--transactions",
        required = true,
        paramLabel = "FILE",
        description = "Transaction file (plain or gzip).")
    Path transactions;

    @Option(
        names = "--format",
        required = true,
        paramLabel = "cdnow|csv",
        description =
            "cdnow: the CDNOW sample or master layout (detected); csv: header with"
                + " customer_id,date,amount (see docs/clv.md).")
    String format;

    @Option(
        names = "--calibration-end",
        required = true,
        paramLabel = "DATE",
        description = "Last day (yyyy-MM-dd, inclusive) of the calibration period.")
    String calibrationEnd;

    @Option(
        names = "--holdout-end",
        paramLabel = "DATE",
        description = "Last day (inclusive) of the holdout period used to check the forecasts.")
    String holdoutEnd;

    @Option(
        names = "--model",
        defaultValue = "bgnbd",
        paramLabel = "bgnbd|pareto",
        description = "Repeat-purchase model (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(
        names = "--time-unit",
        defaultValue = "weeks",
        paramLabel = "weeks|days",
        description = "Unit of time for the parameters (default: ${DEFAULT-VALUE}).")
    String timeUnit;

    @Option(
        names = "--predictions",
        paramLabel = "FILE",
        description = "Also write per-customer predictions to this CSV file.")
    Path predictions;

    @Override
    public Integer call() throws IOException {
      RepeatPurchaseModelChoice choice =
          choose(
              "--model",
              model,
              Map.of(
                  "bgnbd",
                  RepeatPurchaseModelChoice.BGNBD,
                  "pareto",
                  RepeatPurchaseModelChoice.PARETO));
      ClvTimeUnit unit =
          choose(
              "--time-unit",
              timeUnit,
              Map.of("weeks", ClvTimeUnit.WEEKS, "days", ClvTimeUnit.DAYS));
      LocalDate calibrationDay = date("--calibration-end", calibrationEnd);
      HoldoutPeriod holdout = null;
      if (holdoutEnd != null) {
        LocalDate holdoutDay = date("--holdout-end", holdoutEnd);
        if (!holdoutDay.isAfter(calibrationDay)) {
          throw new ParameterException(
              spec.commandLine(),
              "--holdout-end " + holdoutDay + " must be after --calibration-end " + calibrationDay);
        }
        holdout = new HoldoutPeriod(calibrationDay, holdoutDay);
      }
      if (!Files.isReadable(transactions)) {
        throw new ParameterException(
            spec.commandLine(), "--transactions: cannot read file " + transactions);
      }
      TransactionReadResult read =
          switch (choose("--format", format, Map.of("cdnow", "cdnow", "csv", "csv"))) {
            case "cdnow" -> new CdnowTransactionReader().read(transactions);
            default -> new CsvTransactionReader().read(transactions);
          };
      if (read instanceof TransactionReadResult.Rejected rejected) {
        spec.commandLine()
            .getErr()
            .println("kairos clv fit: " + transactions + " " + rejected.message());
        return BAD_INPUT;
      }
      List<Transaction> all = ((TransactionReadResult.Read) read).transactions();
      return fitAndReport(all, calibrationDay, holdout, choice, unit);
    }

    private int fitAndReport(
        List<Transaction> all,
        LocalDate calibrationDay,
        HoldoutPeriod holdout,
        RepeatPurchaseModelChoice choice,
        ClvTimeUnit unit)
        throws IOException {
      CalibrationSummary calibration = CalibrationSummary.of(all, calibrationDay, unit);
      long start = System.nanoTime();
      FitResult<CustomerValueModel> result = new CustomerValueFitting().fit(calibration, choice);
      double fitMillis = (System.nanoTime() - start) / 1e6;
      ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode out = json.createObjectNode();
      out.put("transactions_file", transactions.toString());
      out.put("transactions", all.size());
      out.put("calibration_end", calibrationDay.toString());
      out.put("time_unit", unit.name().toLowerCase(Locale.ROOT));
      out.put("customers", calibration.customers().size());
      out.put("repeat_buyers", calibration.repeatBuyers());
      if (!(result instanceof FitResult.Fitted<CustomerValueModel> fitted)) {
        out.put(
            "status",
            result instanceof FitResult.NotEnoughData ? "not_enough_data" : "did_not_converge");
        out.put("reason", result.reason());
        spec.commandLine().getOut().println(json.writeValueAsString(out));
        spec.commandLine().getErr().println("kairos clv fit: no model: " + result.reason());
        return NOT_ENOUGH_DATA;
      }
      CustomerValueModel fittedModel = fitted.model();
      out.put("status", "fitted");
      ObjectNode purchases = out.putObject("model");
      purchases.put("name", fittedModel.purchases().name());
      ObjectNode parameters = purchases.putObject("parameters");
      fittedModel.purchases().parameters().forEach(parameters::put);
      purchases.put("log_likelihood", fittedModel.purchases().logLikelihood());
      out.put("fit_time_ms", Math.round(fitMillis * 10) / 10.0);
      GammaGammaParameters gg = fittedModel.spend().estimates();
      ObjectNode spend = out.putObject("gamma_gamma");
      spend.put("customers", SpendData.of(calibration.customers()).customers());
      ObjectNode spendParameters = spend.putObject("parameters");
      spendParameters.put("p", gg.p());
      spendParameters.put("q", gg.q());
      spendParameters.put("gamma", gg.gamma());
      spend.put("log_likelihood", fittedModel.spend().logLikelihood());
      spend.put("population_mean_spend", fittedModel.spend().populationMeanSpend());
      writePredictionSummary(out, fittedModel, calibration);
      if (holdout != null) {
        HoldoutCheck check =
            HoldoutCheck.of(
                fittedModel.purchases(),
                calibration,
                holdout,
                holdout.transactionsPerCustomer(all));
        ObjectNode h = out.putObject("holdout");
        h.put("holdout_end", holdout.holdoutEnd().toString());
        h.put("length", check.holdoutLength());
        h.put("actual_repeat_transactions", check.actualTransactions());
        h.put("expected_repeat_transactions", check.expectedTransactions());
        h.put("mean_absolute_error", check.meanAbsoluteError());
        h.put("correlation", check.correlation());
      }
      spec.commandLine().getOut().println(json.writeValueAsString(out));
      return OK;
    }

    private void writePredictionSummary(
        ObjectNode out, CustomerValueModel model, CalibrationSummary calibration)
        throws IOException {
      ValueHorizon horizon = ValueHorizon.DEFAULT;
      double alive = 0;
      double orders90 = 0;
      double value = 0;
      Writer csv = predictions == null ? null : Files.newBufferedWriter(predictions);
      try (PrintWriter rows = csv == null ? null : new PrintWriter(csv)) {
        if (rows != null) {
          rows.println(
              "customer_id,frequency,recency,age,p_alive,churn_risk,expected_orders_30d,"
                  + "expected_orders_90d,expected_orders_365d,expected_next_order_date,"
                  + "expected_average_spend,historic_clv,predicted_clv");
        }
        for (CustomerSummary c : calibration.customers()) {
          CustomerPrediction p = model.predict(c, horizon);
          alive += p.probabilityAlive();
          orders90 += p.expectedOrders90Days();
          value += p.predictedValue();
          if (rows != null) {
            rows.printf(
                Locale.ROOT,
                "%s,%d,%.4f,%.4f,%.6f,%.6f,%.6f,%.6f,%.6f,%s,%.4f,%.2f,%.4f%n",
                c.customerId(),
                c.frequency(),
                c.recency(),
                c.age(),
                p.probabilityAlive(),
                p.churnRisk(),
                p.expectedOrders30Days(),
                p.expectedOrders90Days(),
                p.expectedOrders365Days(),
                p.nextOrderDate().map(LocalDate::toString).orElse(""),
                p.expectedAverageSpend(),
                p.historicValue(),
                p.predictedValue());
          }
        }
      }
      int n = calibration.customers().size();
      ObjectNode summary = out.putObject("predictions");
      summary.put("horizon_months", horizon.months());
      summary.put("monthly_discount_rate", horizon.monthlyDiscountRate());
      summary.put("mean_p_alive", alive / n);
      summary.put("expected_orders_next_90_days", orders90);
      summary.put("predicted_clv_total", value);
      if (predictions != null) {
        summary.put("file", predictions.toString());
      }
    }

    private <T> T choose(String option, String value, Map<String, T> allowed) {
      T chosen = allowed.get(value.toLowerCase(Locale.ROOT));
      if (chosen == null) {
        throw new ParameterException(
            spec.commandLine(),
            option
                + ": '"
                + value
                + "' is not one of "
                + String.join(", ", allowed.keySet().stream().sorted().toList()));
      }
      return chosen;
    }

    private LocalDate date(String option, String value) {
      try {
        return LocalDate.parse(value);
      } catch (java.time.format.DateTimeParseException e) {
        throw new ParameterException(
            spec.commandLine(), option + ": '" + value + "' is not a date (yyyy-MM-dd)");
      }
    }
  }
}
