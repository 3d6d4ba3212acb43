package dev.kairos.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kairos.intelligence.recommend.RecommenderConfig;
import dev.kairos.intelligence.recommend.evaluation.EvaluationReport;
import dev.kairos.intelligence.recommend.evaluation.HoldoutEvaluation;
import dev.kairos.intelligence.recommend.io.OnlineRetailReader;
import dev.kairos.intelligence.recommend.io.TransactionFileException;
import dev.kairos.intelligence.recommend.io.Transactions;
import dev.kairos.intelligence.recommend.io.TransactionsCsvReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Product recommendations: {@code kairos recommend evaluate}. */
@Command(
    name = "recommend",
    mixinStandardHelpOptions = true,
    description = "Build and evaluate product recommendations.",
    subcommands = {RecommendCommand.Evaluate.class})
public final class RecommendCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The file layouts {@code evaluate} reads. */
  enum Format {
    ONLINE_RETAIL,
    CSV
  }

  /**
   * {@code kairos recommend evaluate}: trains on purchases before the split date, recommends k
   * products to every customer who buys after it, and prints hit rate, NDCG, precision, recall and
   * coverage per strategy, against popularity, as JSON. Exit code 2 on a bad file.
   */
  @Command(
      name = "evaluate",
      mixinStandardHelpOptions = true,
      description = {
        "Holdout evaluation: train on purchases before --split-date, test on the products each"
            + " customer buys on or after it; prints JSON.",
        "Formats: online-retail (UCI Online Retail: InvoiceNo,StockCode,Description,Quantity,"
            + "InvoiceDate,UnitPrice,CustomerID,Country) or csv (header"
            + " customer_id,order_id,product_id,quantity,price,timestamp[,category]).",
        "Files ending in .gz are decompressed."
      })
  static final class Evaluate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--transactions", required = true, description = "The purchases file.")
    Path transactions;

    @Option(
        names = "--format",
        defaultValue = "csv",
        converter = FormatConverter.class,
        description = "online-retail or csv (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(
        names = "--split-date",
        required = true,
        description = "YYYY-MM-DD: train before it (UTC midnight), test on and after it.")
    LocalDate splitDate;

    @Option(names = "--k", defaultValue = "10", description = "List length (default: 10).")
    int k;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (k < 1 || k > 1000) {
        err.println("error: --k must be between 1 and 1000");
        return 2;
      }
      long started = System.nanoTime(); // for reporting only
      Transactions data;
      try {
        data =
            format == Format.ONLINE_RETAIL
                ? OnlineRetailReader.read(transactions)
                : TransactionsCsvReader.read(transactions);
      } catch (TransactionFileException e) {
        err.println("error: " + transactions + ": " + e.getMessage());
        return 2;
      }
      double readMillis = (System.nanoTime() - started) / 1e6;
      EvaluationReport report =
          HoldoutEvaluation.run(
              data.log(),
              data.catalog(),
              RecommenderConfig.defaults(),
              splitDate.atStartOfDay().toInstant(ZoneOffset.UTC),
              k);
      try {
        double totalMillis = (System.nanoTime() - started) / 1e6;
        out.println(json().writeValueAsString(new Output(data, readMillis, totalMillis, report)));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("cannot write the report as JSON", e);
      }
      out.flush();
      return 0;
    }

    private static ObjectMapper json() {
      return new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT);
    }
  }

  /**
   * The printed JSON: what was read and how long reading took, the time of the whole evaluation
   * (reading, building, recommending to every test customer by every strategy), then the
   * evaluation.
   */
  record Output(
      long lines,
      long skippedLines,
      String skipped,
      double readMillis,
      double totalMillis,
      EvaluationReport evaluation) {
    Output(Transactions data, double readMillis, double totalMillis, EvaluationReport report) {
      this(data.lines(), data.skipped(), data.skippedReasons(), readMillis, totalMillis, report);
    }
  }

  /** Accepts {@code online-retail} and {@code csv}, case-insensitively. */
  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      return switch (value.toLowerCase(java.util.Locale.ROOT)) {
        case "online-retail", "online_retail" -> Format.ONLINE_RETAIL;
        case "csv" -> Format.CSV;
        default ->
            throw new picocli.CommandLine.TypeConversionException(
                "'" + value + "' is not a format: use online-retail or csv");
      };
    }
  }
}
