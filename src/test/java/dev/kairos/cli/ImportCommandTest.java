package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.http.Json;
import dev.kairos.testing.TestDatabase;
import dev.kairos.testing.TestServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kairos import} against a real server: what a shop owner sees after loading files. */
class ImportCommandTest {
  private static TestServer server;
  @TempDir Path dir;

  private record Result(int exit, String out, String err) {
    JsonNode json() throws IOException {
      return Json.MAPPER.readTree(out);
    }
  }

  @BeforeAll
  static void start() {
    server = TestServer.start(Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private Result run(Callable<Integer> command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        new CommandLine(command)
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  private static Map<String, String> env() {
    return Map.of("KAIROS_WRITE_KEY", TestServer.WRITE_KEY);
  }

  private Result customers(Path file, String... options) {
    return run(new ImportCommand.Customers(env()), args(file, options));
  }

  private Result orders(Path file, String... options) {
    return run(new ImportCommand.Orders(env()), args(file, options));
  }

  private static String[] args(Path file, String... options) {
    List<String> args =
        new java.util.ArrayList<>(List.of(file.toString(), "--url", server.baseUrl()));
    args.addAll(List.of(options));
    return args.toArray(String[]::new);
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private JsonNode profile(String identifier) {
    TestServer.Response response = server.get("/api/profiles?identifier=" + identifier);
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response.body();
  }

  private static long events() {
    return server
        .server()
        .database()
        .read(
            c -> {
              try (ResultSet rs = c.createStatement().executeQuery("select count(*) from events")) {
                rs.next();
                return rs.getLong(1);
              }
            });
  }

  @Test
  void customersAndOrdersImportedFromCsvShowOnTheProfile() throws IOException {
    Path customers =
        write(
            "customers.csv",
            """
            customer_id,email,phone,first_name,last_name,created_at,plan
            c-1,Ann@Example.com,+44 20 7946 0958,Ann,Smith,2023-01-15,gold
            c-2,bob@example.com,,Bob,Jones,2023-02-01,
            """);
    Path orders =
        write(
            "orders.csv",
            """
            order_id,customer_id,order_date,product_id,product_name,category,price,quantity,currency
            o-1,c-1,2024-01-10 12:00:00,SKU-1,Tea pot,Kitchen,30.00,1,EUR
            o-2,c-2,2024-01-11 12:00:00,SKU-2,Cup,Kitchen,5.00,2,EUR
            o-1,c-1,2024-01-10 12:00:00,SKU-2,Cup,Kitchen,5.00,4,EUR
            o-3,c-1,2024-02-10 12:00:00,SKU-3,Kettle,Kitchen,45.50,1,EUR
            """);

    Result c = customers(customers);
    Result o = orders(orders);

    assertThat(c.exit()).as(c.err()).isZero();
    assertThat(o.exit()).as(o.err()).isZero();
    assertThat(c.out()).contains("lines read      2").contains("stored          2");
    assertThat(o.out()).contains("lines read      4").contains("events sent     3");
    JsonNode ann = profile("email:ann@example.com");
    assertThat(ann.at("/traits/first_name").asText()).isEqualTo("Ann");
    assertThat(ann.at("/traits/plan").asText()).isEqualTo("gold");
    assertThat(ann.at("/traits/created_at").asText()).isEqualTo("2023-01-15T00:00:00Z");
    assertThat(ann.get("orders_count").asInt()).isEqualTo(2);
    assertThat(ann.get("revenue").decimalValue()).isEqualByComparingTo("95.50");
    assertThat(ann.get("last_order_at").asText()).isEqualTo("2024-02-10T12:00:00Z");
    assertThat(profile("userId:c-2").get("revenue").decimalValue()).isEqualByComparingTo("10.00");
  }

  @Test
  void importingTheSameFilesAgainStoresNothingAndChangesNoFigure() throws IOException {
    Path customers = write("c.csv", "customer_id,email,first_name\nr-1,rerun@example.com,Rea\n");
    Path orders =
        write(
            "o.csv",
            """
            order_id,customer_id,order_date,product_id,price,quantity,type,total
            r-10,r-1,2024-03-01,P,12.00,3,order,
            r-11,r-1,2024-03-02,P,12.00,1,order,
            r-10,r-1,2024-03-05,,,,refund,12.00
            """);
    assertThat(customers(customers).exit()).isZero();
    assertThat(orders(orders).exit()).isZero();
    JsonNode before = profile("email:rerun@example.com");
    long eventsBefore = events();

    JsonNode again = customers(customers, "--json").json();
    JsonNode ordersAgain = orders(orders, "--json").json();

    assertThat(again.get("stored").asInt()).isZero();
    assertThat(again.get("duplicates").asInt()).isEqualTo(1);
    assertThat(ordersAgain.get("events").asInt()).isEqualTo(3);
    assertThat(ordersAgain.get("stored").asInt()).isZero();
    assertThat(ordersAgain.get("duplicates").asInt()).isEqualTo(3);
    assertThat(events()).isEqualTo(eventsBefore);
    JsonNode after = profile("email:rerun@example.com");
    for (String figure : List.of("orders_count", "revenue", "refunds_count", "refunded")) {
      assertThat(after.get(figure)).as(figure).isEqualTo(before.get(figure));
    }
    assertThat(after.get("orders_count").asInt()).isEqualTo(2);
    assertThat(after.get("revenue").decimalValue()).isEqualByComparingTo("36.00");
    assertThat(after.get("refunded").decimalValue()).isEqualByComparingTo("12.00");
  }

  @Test
  void badLinesAreReportedWithTheirNumbersAndTheGoodOnesImported() throws IOException {
    Path orders =
        write(
            "bad.csv",
            """
            order_id,customer_id,order_date,product_id,price,quantity
            b-1,b-cust,2024-04-01,P,10.00,1
            b-2,b-cust,2024-04-02,P,ten,1
            b-3,b-cust,01/13/2024 25:00,P,10.00,1
            b-4,b-cust,2024-04-04,P,10.00,2
            """);

    Result result = orders(orders);

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err())
        .contains("line 3: price is not a number: 'ten' (order b-2 is not imported)")
        .contains("line 4: order_date is not a date: '01/13/2024 25:00'");
    assertThat(result.out()).contains("bad lines       2").contains("stored          2");
    JsonNode profile = profile("userId:b-cust");
    assertThat(profile.get("orders_count").asInt()).isEqualTo(2);
    assertThat(profile.get("revenue").decimalValue()).isEqualByComparingTo("30.00");
  }

  @Test
  void anOrderWhoseIdIsADeletedPersonsOrderIsReportedAsRejectedNotSilentlyDropped()
      throws IOException {
    String header = "order_id,customer_id,order_date,product_id,price,quantity\n";
    assertThat(orders(write("gone.csv", header + "g-1,gone-1,2024-05-01,P,10.00,1\n")).exit())
        .isZero();
    String gone = profile("userId:gone-1").get("id").asText();
    assertThat(server.admin("DELETE", "/api/profiles/" + gone).status()).isEqualTo(200);

    Result result =
        orders(
            write(
                "reused.csv",
                header
                    + "g-1,next-1,2024-06-01,P,20.00,1\n"
                    + "g-2,next-1,2024-06-02,P,30.00,1\n"));

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err())
        .contains("line 2: rejected by the server: order g-1 is kept anonymised after its buyer")
        .contains("give it another order_id");
    assertThat(result.out()).contains("stored          1").contains("rejected        1");
    JsonNode next = profile("userId:next-1");
    assertThat(next.get("orders_count").asInt()).isEqualTo(1);
    assertThat(next.get("revenue").decimalValue()).isEqualByComparingTo("30.00");
  }

  @Test
  void aMissingFileOrAnUnknownMappedColumnImportsNothingAndExitsWith2() throws IOException {
    long before = events();
    Path customers = write("m.csv", "CustID,email\nm-1,m@example.com\n");

    Result missing = customers(dir.resolve("nope.csv"));
    Result unknown = customers(customers, "--map", "customer_id=CustomerNo");

    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("no such file: " + dir.resolve("nope.csv"));
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err())
        .contains("column 'CustomerNo' (--map customer_id=CustomerNo) is not in the header");
    assertThat(events()).isEqualTo(before);
    assertThat(customers(customers, "--map", "customer_id=CustID").exit()).isZero();
  }

  @Test
  void aRefusedWriteKeyImportsNothing() throws IOException {
    Path customers = write("k.csv", "customer_id\nk-1\n");
    Result result =
        run(new ImportCommand.Customers(Map.of("KAIROS_WRITE_KEY", "wrong")), args(customers));
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("refused the write key");
  }

  @Test
  void withoutAServerTheImportRunsOnANodeStartedInProcess() throws Exception {
    String url = TestDatabase.freshUrl();
    Map<String, String> env = new HashMap<>();
    env.put("KAIROS_HOME", dir.resolve("home").toString());
    env.put("KAIROS_DATABASE_URL", url);
    env.put("KAIROS_DATABASE_USER", "postgres");
    env.put("KAIROS_DATABASE_PASSWORD", dev.kairos.testing.TestDatabase.password());
    env.put("KAIROS_WRITE_KEY", "local-key");
    env.put("KAIROS_ADMIN_TOKEN", "local-admin");
    Path orders =
        write(
            "l.csv",
            "order_id,customer_id,order_date,product_id,price,quantity\nl-1,l,2024-05-01,P,1.5,2\n");

    Result result =
        run(new ImportCommand.Orders(env), orders.toString(), "--url", "http://localhost:1");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.err())
        .contains("No server answers at http://localhost:1; starting a Kairos node in this process")
        .contains("Stopping the in-process node");
    try (Database database =
        Database.connect(url, "postgres", dev.kairos.testing.TestDatabase.password(), 1)) {
      String revenue =
          database.read(
              c -> {
                try (ResultSet rs =
                    c.createStatement()
                        .executeQuery("select revenue from orders where order_id = 'l-1'")) {
                  rs.next();
                  return rs.getString(1);
                }
              });
      assertThat(revenue).isEqualTo("3.00");
    }
  }
}
