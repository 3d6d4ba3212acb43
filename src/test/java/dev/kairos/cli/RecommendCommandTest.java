package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kairos.testing.SharedData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RecommendCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new KairosCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private Path csv(String... lines) throws Exception {
    Path file = dir.resolve("orders.csv");
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  @Test
  void evaluatesAGenericCsvAndPrintsMetricsPerStrategy() throws Exception {
    Path file =
        csv(
            "customer_id,order_id,product_id,quantity,price,timestamp",
            "a,1,mug,1,5.00,2024-01-01 10:00:00",
            "a,1,coaster,2,1.50,2024-01-01 10:00:00",
            "b,2,mug,1,5.00,2024-01-02 10:00:00",
            "b,2,coaster,1,1.50,2024-01-02 10:00:00",
            "c,3,mug,1,5.00,2024-01-03 10:00:00",
            "c,3,coaster,1,1.50,2024-01-03 10:00:00",
            ",4,candle,1,3.00,2024-01-04 10:00:00",
            ",5,candle,1,3.00,2024-01-04 11:00:00",
            ",8,candle,1,3.00,2024-01-04 12:00:00",
            ",9,candle,1,3.00,2024-01-04 13:00:00",
            "d,6,mug,1,5.00,2024-01-05 10:00:00",
            "d,7,coaster,1,1.50,2024-02-05 10:00:00");

    int exit =
        run(
            "recommend",
            "evaluate",
            "--transactions",
            file.toString(),
            "--format",
            "csv",
            "--split-date",
            "2024-02-01",
            "--k",
            "1");

    assertThat(exit).as(err.toString()).isZero();
    JsonNode report = new ObjectMapper().readTree(out.toString()).get("evaluation");
    assertThat(report.get("test_customers").asInt()).isEqualTo(1);
    JsonNode strategies = report.get("strategies");
    assertThat(strategies).hasSize(7);
    JsonNode history = strategy(strategies, "based_on_your_history");
    // d bought a mug before the split; coaster is the mug's neighbour and what d bought after
    assertThat(history.at("/all_purchases/all_customers/hit_rate").asDouble()).isEqualTo(1.0);
    assertThat(history.at("/all_purchases/returning_customers/hit_rate").asDouble()).isEqualTo(1.0);
    assertThat(history.at("/all_purchases/new_customers/customers").asInt()).isZero();
    assertThat(history.at("/new_products/all_customers/ndcg").asDouble()).isEqualTo(1.0);
    assertThat(history.at("/new_products/all_customers/map").asDouble()).isEqualTo(1.0);
    // candle, in four guest orders, is the most popular product d has not bought: a miss
    JsonNode popular = strategy(strategies, "popular");
    assertThat(popular.at("/all_purchases/all_customers/hit_rate").asDouble()).isZero();
    assertThat(popular.get("millis").asDouble()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void aBadLineIsReportedWithItsNumberAndExitCodeTwo() throws Exception {
    Path file =
        csv(
            "customer_id,order_id,product_id,quantity,price,timestamp",
            "a,1,mug,1,5.00,2024-01-01 10:00:00",
            "a,1,coaster,-2,1.50,2024-01-01 10:00:00");

    int exit =
        run(
            "recommend",
            "evaluate",
            "--transactions",
            file.toString(),
            "--format",
            "csv",
            "--split-date",
            "2024-02-01");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("line 3").contains("quantity '-2'");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aWrongHeaderIsReportedOnLineOne() throws Exception {
    Path file = csv("customer,order,product", "a,1,mug");

    assertThat(
            run(
                "recommend",
                "evaluate",
                "--transactions",
                file.toString(),
                "--split-date",
                "2024-02-01"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("line 1").contains("expected the header");
  }

  @Test
  void forYouBeatsPopularityOnOnlineRetailSplitInOctober() throws Exception {
    Path file = SharedData.require("online-retail.csv.gz");

    int exit =
        run(
            "recommend",
            "evaluate",
            "--transactions",
            file.toString(),
            "--format",
            "online-retail",
            "--split-date",
            "2011-10-01",
            "--k",
            "10");

    assertThat(exit).as(err.toString()).isZero();
    JsonNode report = new ObjectMapper().readTree(out.toString()).get("evaluation");
    assertThat(report.get("test_customers").asInt()).isEqualTo(2560);
    JsonNode strategies = report.get("strategies");
    JsonNode forYou = strategy(strategies, "for_you");
    double sameForEveryone =
        strategy(strategies, "popular_same_for_everyone")
            .at("/all_purchases/all_customers/hit_rate")
            .asDouble();
    assertThat(forYou.at("/all_purchases/all_customers/hit_rate").asDouble())
        .isGreaterThanOrEqualTo(1.5 * sameForEveryone);
    assertThat(forYou.at("/all_purchases/returning_customers/hit_rate").asDouble())
        .isGreaterThanOrEqualTo(0.79);
    double popular =
        strategy(strategies, "popular").at("/new_products/all_customers/hit_rate").asDouble();
    assertThat(forYou.at("/new_products/all_customers/hit_rate").asDouble())
        .isGreaterThan(1.3 * popular);
    assertThat(forYou.at("/all_purchases/catalog_coverage").asDouble())
        .isGreaterThan(
            10 * strategy(strategies, "popular").at("/all_purchases/catalog_coverage").asDouble());
  }

  private static JsonNode strategy(JsonNode strategies, String name) {
    for (JsonNode s : strategies) {
      if (s.get("name").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no strategy " + name + " in " + strategies);
  }
}
