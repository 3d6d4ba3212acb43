package dev.kairos.ingest.imports.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.testing.TestServer;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /api/imports/{customers,orders}}: the same import, from the management API. */
class ImportApiTest {
  private static final String ADMIN = "Bearer " + TestServer.ADMIN_TOKEN;
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void importsOrdersAndAnswersWithTheSummaryAndTheBadLines() {
    String csv =
        """
        Order,Customer,Date,Item,Price,Qty
        a-1,api-1,2024-06-01 10:00,P1,4.00,2
        a-2,api-1,2024-06-02 10:00,P1,4.00,x
        a-3,api-1,2024-06-03 10:00,P2,1.00,1
        """;
    String map = "map=order_id=Order,customer_id=Customer&map=order_date=Date";

    TestServer.Response response =
        server.post(
            "/api/imports/orders?"
                + map
                + "&map=product_id=Item,price=Price,quantity=Qty&zone=Europe/Paris",
            csv,
            ADMIN);

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    JsonNode summary = response.body();
    assertThat(summary.get("lines").asInt()).isEqualTo(3);
    assertThat(summary.get("events").asInt()).isEqualTo(2);
    assertThat(summary.get("stored").asInt()).isEqualTo(2);
    assertThat(summary.get("duplicates").asInt()).isZero();
    assertThat(summary.get("bad_lines").asInt()).isEqualTo(1);
    assertThat(summary.get("errors_count").asInt()).isEqualTo(1);
    assertThat(summary.at("/errors/0/line").asInt()).isEqualTo(3);
    assertThat(summary.at("/errors/0/reason").asText())
        .isEqualTo("quantity is not a whole number: 'x' (order a-2 is not imported)");
    JsonNode profile = server.get("/api/profiles?identifier=userId:api-1").body();
    assertThat(profile.get("orders_count").asInt()).isEqualTo(2);
    assertThat(profile.get("revenue").decimalValue()).isEqualByComparingTo("9.00");
    assertThat(profile.get("first_order_at").asText()).isEqualTo("2024-06-01T08:00:00Z");

    JsonNode again =
        server
            .post(
                "/api/imports/orders?"
                    + map
                    + "&map=product_id=Item,price=Price,quantity=Qty&zone=Europe/Paris",
                csv,
                ADMIN)
            .body();
    assertThat(again.get("stored").asInt()).isZero();
    assertThat(again.get("duplicates").asInt()).isEqualTo(2);
  }

  @Test
  void anOrderWhoseIdIsADeletedPersonsOrderIsCountedAsRejectedWithItsLine() {
    String header = "order_id,customer_id,order_date,product_id,price,quantity\n";
    assertThat(
            server
                .post("/api/imports/orders", header + "e-1,erased-1,2024-05-01,P,10.00,1\n", ADMIN)
                .status())
        .isEqualTo(200);
    String erased = server.profile("userId:erased-1").get("id").asText();
    assertThat(server.admin("DELETE", "/api/profiles/" + erased).status()).isEqualTo(200);

    TestServer.Response response =
        server.post(
            "/api/imports/orders",
            header + "e-2,after-1,2024-06-02,P,30.00,1\n" + "e-1,after-1,2024-06-01,P,20.00,1\n",
            ADMIN);

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    JsonNode summary = response.body();
    assertThat(summary.get("stored").asInt()).isEqualTo(1);
    assertThat(summary.get("rejected").asInt()).isEqualTo(1);
    assertThat(summary.at("/errors/0/line").asInt()).isEqualTo(3);
    assertThat(summary.at("/errors/0/reason").asText())
        .contains("order e-1 is kept anonymised after its buyer was deleted");
    JsonNode after = server.profile("userId:after-1");
    assertThat(after.get("orders_count").asInt()).isEqualTo(1);
  }

  @Test
  void aDeletedCustomerImportedAgainIsCountedAsRejectedWithItsLineNotStoredToNoEffect() {
    String csv = "customer_id,email,first_name\ngone-c,gone-c@example.com,Gwen\nstay-c,,Sam\n";
    assertThat(server.post("/api/imports/customers", csv, ADMIN).status()).isEqualTo(200);
    String gone = server.profile("userId:gone-c").get("id").asText();
    assertThat(server.admin("DELETE", "/api/profiles/" + gone).status()).isEqualTo(200);

    TestServer.Response again =
        server.post(
            "/api/imports/customers",
            "customer_id,email,first_name\ngone-c,gone-c@example.com,Gwendolyn\nnew-c,,Nia\n",
            ADMIN);

    assertThat(again.status()).as(again.text()).isEqualTo(200);
    JsonNode summary = again.body();
    assertThat(summary.get("stored").asInt()).isEqualTo(1);
    assertThat(summary.get("rejected").asInt()).isEqualTo(1);
    assertThat(summary.at("/errors/0/line").asInt()).isEqualTo(2);
    assertThat(summary.at("/errors/0/reason").asText())
        .contains("userId:gone-c is a deleted person's (suppressed): not imported");
    TestServer.Response direct =
        server.post(
            "/v1/import",
            "{\"batch\":[{\"type\":\"identify\",\"userId\":\"new-c\"},"
                + "{\"type\":\"identify\",\"anonymousId\":\"dev-9\",\"traits\":{\"email\":\"GONE-C@example.com\"}}]}",
            TestServer.basic(TestServer.WRITE_KEY));
    assertThat(direct.status()).as(direct.text()).isEqualTo(200);
    assertThat(direct.body().path("accepted").asInt()).isEqualTo(1);
    assertThat(direct.body().at("/rejected/0/index").asInt()).isEqualTo(1);
    assertThat(direct.body().at("/rejected/0/field").asText()).isEqualTo("email");
  }

  @Test
  void aRecordHoldingAQuotedLineBreakIsNamedInTheSummary() {
    String csv =
        "order_id,customer_id,order_date,product_id,product_name,price,quantity\n"
            + "w-1,cw1,2024-01-10,p1,Fine,2.00,1\n"
            + "w-2,cw2,2024-01-10,p2,\"Broken,2.00,1\n"
            + "w-3,cw3,2024-01-10,p3,Name\",2.00,1\n"
            + "w-4,cw4,2024-01-10,p4,Fine,2.00,1\n";

    JsonNode summary = server.post("/api/imports/orders", csv, ADMIN).body();

    assertThat(summary.get("lines").asInt()).isEqualTo(4);
    assertThat(summary.get("records").asInt()).isEqualTo(3);
    assertThat(summary.get("multi_line_records").asInt()).isEqualTo(1);
    assertThat(summary.get("first_multi_line_record").asText()).isEqualTo("lines 3-4");
  }

  @Test
  void importsCustomers() {
    TestServer.Response response =
        server.post(
            "/api/imports/customers",
            "customer_id,email,first_name,tier\napi-c,carla@example.com,Carla,silver\n",
            ADMIN);

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    JsonNode profile = server.get("/api/profiles?identifier=email:carla@example.com").body();
    assertThat(profile.at("/traits/tier").asText()).isEqualTo("silver");
  }

  @Test
  void anUnknownColumnIsA400NamingItAndImportsNothing() {
    TestServer.Response response =
        server.post(
            "/api/imports/customers?map=email=Mail",
            "customer_id,email\nx-1,x@example.com\n",
            ADMIN);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().get("field").asText()).isEqualTo("map");
    assertThat(response.body().get("message").asText())
        .contains("column 'Mail' (--map email=Mail) is not in the header");
    assertThat(server.get("/api/profiles?identifier=userId:x-1").status()).isEqualTo(404);
  }

  @Test
  void requiresTheAdminToken() {
    assertThat(server.post("/api/imports/orders", "order_id\n", null).status()).isEqualTo(401);
    assertThat(server.post("/api/imports/orders", "order_id\n", "Bearer nope").status())
        .isEqualTo(401);
  }
}
