package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kairos.testing.SharedData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kairos clv fit}, run in-process with captured output. */
class ClvCommandTest {
  @TempDir Path dir;

  record Run(int exitCode, String out, String err) {}

  /** {@code kairos clv fit --transactions FILE --format FORMAT --calibration-end DATE [more]}. */
  private static Run fit(String file, String format, String calibrationEnd, String... more) {
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "clv",
                "fit",
                "--transactions",
                file,
                "--format",
                format,
                "--calibration-end",
                calibrationEnd));
    args.addAll(java.util.List.of(more));
    return run(args.toArray(new String[0]));
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new KairosCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void fit_on_the_cdnow_sample_prints_the_published_parameters_and_a_holdout_check()
      throws IOException {
    Path sample = SharedData.require("CDNOW_sample.txt");
    Path predictions = dir.resolve("predictions.csv");

    Run run =
        fit(
            sample.toString(),
            "cdnow",
            "1997-09-30",
            "--holdout-end",
            "1998-06-30",
            "--predictions",
            predictions.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.path("customers").asInt()).isEqualTo(2357);
    assertThat(json.path("repeat_buyers").asInt()).isEqualTo(946);
    JsonNode p = json.path("model").path("parameters");
    assertThat(p.path("r").asDouble()).isCloseTo(0.243, within(0.0005));
    assertThat(p.path("alpha").asDouble()).isCloseTo(4.414, within(0.0005));
    assertThat(p.path("a").asDouble()).isCloseTo(0.793, within(0.0005));
    assertThat(p.path("b").asDouble()).isCloseTo(2.426, within(0.0005));
    assertThat(json.path("model").path("log_likelihood").asDouble())
        .isCloseTo(-9582.4, within(0.05));
    assertThat(json.path("fit_time_ms").asDouble()).isPositive();
    JsonNode gg = json.path("gamma_gamma").path("parameters");
    assertThat(gg.path("p").asDouble()).isCloseTo(6.25, within(0.005));
    assertThat(gg.path("q").asDouble()).isCloseTo(3.74, within(0.005));
    assertThat(gg.path("gamma").asDouble()).isCloseTo(15.44, within(0.005));
    JsonNode holdout = json.path("holdout");
    assertThat(holdout.path("length").asDouble()).isEqualTo(39.0);
    assertThat(holdout.path("actual_repeat_transactions").asDouble()).isPositive();
    assertThat(holdout.path("expected_repeat_transactions").asDouble())
        .isCloseTo(holdout.path("actual_repeat_transactions").asDouble(), within(400.0));
    assertThat(holdout.path("correlation").asDouble()).isBetween(0.3, 1.0);
    assertThat(Files.readAllLines(predictions)).hasSize(2357 + 1);
  }

  @Test
  void pareto_model_is_selectable() {
    Path sample = SharedData.require("CDNOW_sample.txt");

    Run run = fit(sample.toString(), "cdnow", "1997-09-30", "--model", "pareto");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"name\" : \"pareto\"", "\"s\"", "\"beta\"");
  }

  @Test
  void a_bad_csv_line_is_reported_with_its_number_and_reason_and_exit_code_2() throws IOException {
    Path csv = dir.resolve("orders.csv");
    Files.writeString(
        csv,
        "customer_id,date,amount\n"
            + "c1,2024-01-02,10.50\n"
            + "c1,2024-02-03T10:15:00Z,12\n"
            + "c2,2024-13-45,9.99\n");

    Run run = fit(csv.toString(), "csv", "2024-06-30");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("line 4", "2024-13-45");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void a_bad_option_value_names_the_option_and_exits_with_2() throws IOException {
    Path csv = dir.resolve("orders.csv");
    Files.writeString(csv, "customer_id,date,amount\nc1,2024-01-02,10\n");

    Run badModel = fit(csv.toString(), "csv", "2024-06-30", "--model", "magic");
    Run badDate = fit(csv.toString(), "csv", "30/06/2024");
    Run missingFile = fit(dir.resolve("absent.csv").toString(), "csv", "2024-06-30");

    assertThat(badModel.exitCode()).isEqualTo(2);
    assertThat(badModel.err()).contains("--model", "magic");
    assertThat(badDate.exitCode()).isEqualTo(2);
    assertThat(badDate.err()).contains("--calibration-end", "30/06/2024");
    assertThat(missingFile.exitCode()).isEqualTo(2);
    assertThat(missingFile.err()).contains("--transactions");
  }

  @Test
  void too_little_data_gives_a_reason_instead_of_a_model() throws IOException {
    Path csv = dir.resolve("orders.csv");
    Files.writeString(
        csv, "customer_id,date,amount\nc1,2024-01-02,10\nc1,2024-02-02,11\nc2,2024-01-05,7\n");

    Run run = fit(csv.toString(), "csv", "2024-06-30");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("\"status\" : \"not_enough_data\"", "2 customers");
  }
}
