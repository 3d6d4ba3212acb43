package dev.kairos.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.testing.RunningKairos;
import dev.kairos.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Operators can delete a person (delete + suppress) and undo a wrong merge. */
class DeleteAndUnmergeTest {
  @RegisterExtension static final RunningKairos KAIROS = new RunningKairos("2026-06-01T08:00:00Z");
  static TestServer server;

  @BeforeAll
  static void server() {
    server = KAIROS.server();
  }

  static void send(String path, String json) {
    KAIROS.send(path, json);
  }

  static JsonNode profile(String identifier) {
    return KAIROS.profile(identifier);
  }

  @Test
  void a_deleted_person_is_gone_and_writing_again_brings_nothing_back() {
    send(
        "/v1/identify",
        "{\"userId\":\"del\",\"anonymousId\":\"del-anon\",\"traits\":{\"email\":\"del@example.com\",\"phone\":\"+44 20 7946 0018\"}}");
    send(
        "/v1/track",
        "{\"userId\":\"del\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"D-1\",\"revenue\":20}}");
    String id = profile("email:del@example.com").path("id").asText();

    TestServer.Response deleted = server.admin("DELETE", "/api/profiles/" + id);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.body().path("identifiers_suppressed").asInt()).isEqualTo(4);
    assertThat(deleted.body().path("events_deleted").asInt()).isEqualTo(2);
    assertThat(server.get("/api/profiles/" + id).status()).isEqualTo(404);
    assertThat(server.get("/api/profiles?identifier=email:del@example.com").status())
        .isEqualTo(404);
    String leftovers =
        server
            .server()
            .database()
            .read(
                c -> {
                  try (var rs =
                      c.createStatement()
                          .executeQuery(
                              "select (select count(*) from events where payload::text like '%del@example.com%')"
                                  + " || '/' || (select count(*) from suppressed_identifiers where value_sha256 like '%del%')"
                                  + " || '/' || (select count(*) from orders where order_id = 'D-1' and profile_id is null)")) {
                    rs.next();
                    return rs.getString(1);
                  }
                });
    assertThat(leftovers)
        .as("events with the email / clear-text suppression / anonymised order")
        .isEqualTo("0/0/1");

    // the same person writes in again: the event changes no profile and is kept only as a stub
    send(
        "/v1/identify",
        "{\"anonymousId\":\"new-device\",\"traits\":{\"email\":\"DEL@example.com\",\"first_name\":\"Del\"}}");
    assertThat(server.get("/api/profiles?identifier=email:del@example.com").status())
        .isEqualTo(404);
    assertThat(server.get("/api/profiles?identifier=anonymousId:new-device").status())
        .isEqualTo(404);
    assertThat(server.count("select count(*) from events where payload like '%new-device%'"))
        .isZero();
  }

  @Test
  void an_identifier_that_arrives_with_a_deleted_one_is_suppressed_too_and_joins_no_profile() {
    send("/v1/identify", "{\"userId\":\"sup\",\"traits\":{\"email\":\"sup@example.com\"}}");
    String id = profile("userId:sup").path("id").asText();
    server.admin("DELETE", "/api/profiles/" + id);
    send(
        "/v1/track",
        "{\"anonymousId\":\"sup-anon\",\"event\":\"Visited\",\"context\":{\"traits\":{\"email\":\"sup@example.com\"}}}");
    send("/v1/identify", "{\"userId\":\"sup-new\",\"traits\":{\"name\":\"Sup\"}}");
    send("/v1/identify", "{\"userId\":\"sup-new\",\"anonymousId\":\"sup-anon\"}");
    JsonNode live = profile("userId:sup-new");
    assertThat(server.get("/api/profiles?identifier=anonymousId:sup-anon").status()).isEqualTo(404);
    assertThat(live.path("identifiers")).hasSize(1);
    assertThat(live.path("suppressed").asBoolean()).isFalse();
    assertThat(
            server
                .get("/api/suppressions/anonymousId:sup-anon")
                .body()
                .path("suppressed")
                .asBoolean())
        .isTrue();
  }

  @Test
  void a_merge_can_be_explained_and_undone() {
    send(
        "/v1/track",
        "{\"anonymousId\":\"kiosk-1\",\"event\":\"Product Viewed\",\"properties\":{\"product_id\":\"sofa\"}}");
    send(
        "/v1/track",
        "{\"anonymousId\":\"kiosk-1\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"K-1\",\"revenue\":300}}");
    send("/v1/identify", "{\"userId\":\"hal\",\"traits\":{\"email\":\"hal@example.com\"}}");
    send(
        "/v1/track",
        "{\"userId\":\"hal\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"H-1\",\"revenue\":50}}");
    // support refunds part of the kiosk order on the customer's behalf
    send(
        "/v1/track",
        "{\"userId\":\"desk-2\",\"event\":\"Order Refunded\",\"properties\":{\"order_id\":\"K-1\",\"total\":100}}");
    // staff logs in on the shop kiosk as the customer: wrongly links the kiosk to Hal
    send("/v1/identify", "{\"userId\":\"hal\",\"anonymousId\":\"kiosk-1\"}");

    JsonNode hal = profile("userId:hal");
    assertThat(hal.path("orders_count").asInt()).isEqualTo(2);
    assertThat(hal.path("revenue").decimalValue()).isEqualByComparingTo("250");
    JsonNode merges =
        server.get("/api/profiles/" + hal.path("id").asText() + "/identity").body().path("merges");
    assertThat(merges).hasSize(1);
    long mergeId = merges.get(0).path("merge_id").asLong();
    assertThat(merges.get(0).path("identifiers_moved").toString()).contains("anonymousId:kiosk-1");

    TestServer.Response undone =
        server.post("/api/merges/" + mergeId + "/undo", "", "Bearer " + TestServer.ADMIN_TOKEN);
    assertThat(undone.status()).as(undone.text()).isEqualTo(200);

    JsonNode halAfter = profile("userId:hal");
    JsonNode kiosk = profile("anonymousId:kiosk-1");
    assertThat(kiosk.path("id")).isNotEqualTo(halAfter.path("id"));
    assertThat(halAfter.path("orders_count").asInt()).isEqualTo(1);
    assertThat(halAfter.path("revenue").decimalValue()).isEqualByComparingTo("50");
    assertThat(kiosk.path("orders_count").asInt()).isEqualTo(1);
    assertThat(kiosk.path("revenue").decimalValue())
        .as("300 less the support refund")
        .isEqualByComparingTo("200");
    assertThat(profile("userId:desk-2").path("revenue").decimalValue()).isEqualByComparingTo("0");
    assertThat(kiosk.path("viewed_products").get(0).path("product_id").asText()).isEqualTo("sofa");
    assertThat(server.get("/api/profiles/" + kiosk.path("id").asText() + "/events").body())
        .hasSize(2);

    TestServer.Response again =
        server.post("/api/merges/" + mergeId + "/undo", "", "Bearer " + TestServer.ADMIN_TOKEN);
    assertThat(again.status()).isEqualTo(409);
    assertThat(
            server.post("/api/merges/999999/undo", "", "Bearer " + TestServer.ADMIN_TOKEN).status())
        .isEqualTo(404);
  }

  @Test
  void a_merge_whose_survivor_was_merged_later_cannot_be_undone_before_that_later_merge() {
    send("/v1/page", "{\"anonymousId\":\"chain-1\"}");
    send("/v1/page", "{\"anonymousId\":\"chain-2\"}");
    send("/v1/page", "{\"anonymousId\":\"chain-3\"}");
    send(
        "/v1/identify",
        "{\"anonymousId\":\"chain-2\",\"traits\":{\"email\":\"chain3@example.com\"}}");
    send(
        "/v1/track",
        "{\"anonymousId\":\"chain-3\",\"event\":\"E\",\"context\":{\"traits\":{\"email\":\"chain3@example.com\"}}}");
    send(
        "/v1/identify",
        "{\"anonymousId\":\"chain-1\",\"traits\":{\"email\":\"chain3@example.com\"}}");
    String id = profile("anonymousId:chain-1").path("id").asText();
    JsonNode merges = server.get("/api/profiles/" + id + "/identity").body().path("merges");
    assertThat(merges).hasSize(2);
    long first = merges.get(0).path("merge_id").asLong();
    long second = merges.get(1).path("merge_id").asLong();
    String bearer = "Bearer " + TestServer.ADMIN_TOKEN;
    TestServer.Response refused = server.post("/api/merges/" + first + "/undo", "", bearer);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body().path("message").asText()).contains("undo that merge first");
    assertThat(server.post("/api/merges/" + second + "/undo", "", bearer).status()).isEqualTo(200);
    assertThat(server.post("/api/merges/" + first + "/undo", "", bearer).status()).isEqualTo(200);
    assertThat(profile("anonymousId:chain-3").path("id"))
        .isNotEqualTo(profile("anonymousId:chain-2").path("id"))
        .isNotEqualTo(profile("anonymousId:chain-1").path("id"));
  }

  @Test
  void a_merge_in_the_same_batch_records_the_identifiers_that_arrived_with_it() {
    send("/v1/identify", "{\"userId\":\"grp-u1\"}");
    server.trackOk(
        "/v1/batch",
        "{\"batch\":[{\"type\":\"page\",\"anonymousId\":\"grp-a2\"},"
            + "{\"type\":\"identify\",\"userId\":\"grp-u1\",\"anonymousId\":\"grp-a2\"}]}");
    String id = profile("userId:grp-u1").path("id").asText();
    JsonNode merge = server.get("/api/profiles/" + id + "/identity").body().path("merges").get(0);
    assertThat(merge.path("identifiers_moved").toString()).contains("anonymousId:grp-a2");
    server.post(
        "/api/merges/" + merge.path("merge_id").asLong() + "/undo",
        "",
        "Bearer " + TestServer.ADMIN_TOKEN);
    assertThat(profile("anonymousId:grp-a2").path("id").asText()).isNotEqualTo(id);
  }

  @Test
  void a_person_with_derived_rows_can_still_be_deleted() {
    send("/v1/identify", "{\"userId\":\"derived\"}");
    String id = profile("userId:derived").path("id").asText();
    server
        .server()
        .database()
        .inTransaction(
            c ->
                dev.kairos.platform.db.Sql.update(
                    c,
                    "insert into replenishment_due (profile_id, product_id, last_purchased_at, due_at)"
                        + " values (?::uuid, 'tea', now(), now())",
                    id));
    assertThat(server.admin("DELETE", "/api/profiles/" + id).status()).isEqualTo(200);
    assertThat(server.count("select count(*) from replenishment_due where product_id = 'tea'"))
        .isZero();
  }

  @Test
  void an_export_holds_profile_orders_merges_and_events() {
    send("/v1/identify", "{\"userId\":\"exp\",\"traits\":{\"email\":\"exp@example.com\"}}");
    send(
        "/v1/track",
        "{\"userId\":\"exp\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"E-1\",\"revenue\":12}}");
    String id = profile("userId:exp").path("id").asText();
    JsonNode export = server.get("/api/profiles/" + id + "/export").body();
    assertThat(export.path("profile").path("id").asText()).isEqualTo(id);
    assertThat(export.path("orders").get(0).path("order_id").asText()).isEqualTo("E-1");
    assertThat(export.path("events")).hasSize(2);
  }
}
