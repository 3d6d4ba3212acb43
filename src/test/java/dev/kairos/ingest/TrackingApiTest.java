package dev.kairos.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testing.RunningKairos;
import dev.kairos.testing.TestServer;
import dev.kairos.testing.TestServer.Response;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TrackingApiTest {
  @RegisterExtension static final RunningKairos KAIROS = new RunningKairos("2026-03-01T12:00:00Z");
  static TestServer server;

  @BeforeAll
  static void server() {
    server = KAIROS.server();
  }

  private long eventCount() {
    return server.count("select count(*) from events");
  }

  @Test
  void a_call_without_a_write_key_is_refused_and_stores_nothing() {
    long before = eventCount();
    Response response =
        server.post("/v1/track", "{\"userId\":\"u1\",\"event\":\"Signed Up\"}", null);
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.body().path("error").asText()).isEqualTo("unauthorized");
    assertThat(eventCount()).isEqualTo(before);
  }

  @Test
  void a_wrong_write_key_is_refused() {
    Response response =
        server.post(
            "/v1/track", "{\"userId\":\"u1\",\"event\":\"Signed Up\"}", TestServer.basic("nope"));
    assertThat(response.status()).isEqualTo(401);
  }

  @Test
  void the_write_key_may_be_sent_in_the_body_as_segment_libraries_do() {
    Response response =
        server.post(
            "/v1/track",
            "{\"writeKey\":\""
                + TestServer.WRITE_KEY
                + "\",\"userId\":\"u1\",\"event\":\"Signed Up\"}",
            null);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().path("accepted").asInt()).isEqualTo(1);
  }

  @Test
  void the_write_key_is_not_stored_with_the_event() {
    server.post(
        "/v1/track",
        "{\"writeKey\":\""
            + TestServer.WRITE_KEY
            + "\",\"messageId\":\"wk-1\",\"userId\":\"u1\",\"event\":\"E\"}",
        null);
    String payload =
        server.row("select payload::text from events where message_id = 'wk-1'").get(0);
    assertThat(payload).doesNotContain(TestServer.WRITE_KEY).doesNotContain("writeKey");
  }

  @Test
  void invalid_json_is_a_400_naming_the_problem() {
    Response response = server.track("/v1/track", "{\"userId\": \"u1\", ");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().path("message").asText()).startsWith("invalid JSON");
  }

  @Test
  void an_event_without_user_id_or_anonymous_id_is_a_400_naming_the_field() {
    Response response = server.track("/v1/track", "{\"event\":\"Signed Up\"}");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().path("field").asText()).isEqualTo("userId");
  }

  @Test
  void track_without_event_is_a_400_naming_event() {
    Response response = server.track("/v1/track", "{\"userId\":\"u1\"}");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().path("field").asText()).isEqualTo("event");
  }

  @Test
  void a_message_id_over_100_characters_is_a_400() {
    String id = "m".repeat(101);
    Response response =
        server.track(
            "/v1/track", "{\"userId\":\"u1\",\"event\":\"E\",\"messageId\":\"" + id + "\"}");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().path("field").asText()).isEqualTo("messageId");
  }

  @Test
  void an_event_over_32_kb_is_a_400() {
    String big = "x".repeat(33 * 1024);
    Response response =
        server.track(
            "/v1/track",
            "{\"userId\":\"u1\",\"event\":\"E\",\"properties\":{\"p\":\"" + big + "\"}}");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().path("message").asText()).contains("32 KB");
  }

  @Test
  void a_batch_over_500_kb_is_a_400_and_stores_nothing() {
    long before = eventCount();
    StringBuilder batch = new StringBuilder("{\"batch\":[");
    String props = "x".repeat(20_000);
    for (int i = 0; i < 30; i++) {
      batch
          .append(i == 0 ? "" : ",")
          .append("{\"type\":\"track\",\"userId\":\"big\",\"event\":\"E\",\"properties\":{\"p\":\"")
          .append(props)
          .append("\"}}");
    }
    batch.append("]}");
    Response response = server.track("/v1/batch", batch.toString());
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().path("message").asText()).contains("500 KB");
    assertThat(eventCount()).isEqualTo(before);
  }

  @Test
  void a_batch_of_more_than_2500_events_is_refused() {
    StringBuilder batch = new StringBuilder("{\"batch\":[");
    for (int i = 0; i < 2501; i++) {
      batch.append(i == 0 ? "" : ",").append("{\"type\":\"page\",\"userId\":\"u\"}");
    }
    batch.append("]}");
    Response response = server.track("/v1/batch", batch.toString());
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().path("field").asText()).isEqualTo("batch");
  }

  @Test
  void a_batch_keeps_its_good_events_and_names_the_index_and_field_of_the_bad_ones() {
    long before = eventCount();
    Response response =
        server.track(
            "/v1/batch",
            """
            {"batch":[
              {"type":"track","userId":"b1","event":"Good One"},
              {"type":"track","userId":"b1"},
              {"type":"launch","userId":"b1"},
              {"type":"identify","anonymousId":"a-b1","traits":{"plan":"pro"}}
            ]}""");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().path("accepted").asInt()).isEqualTo(2);
    assertThat(response.body().path("rejected")).hasSize(2);
    assertThat(response.body().path("rejected").get(0).path("index").asInt()).isEqualTo(1);
    assertThat(response.body().path("rejected").get(0).path("field").asText()).isEqualTo("event");
    assertThat(response.body().path("rejected").get(1).path("index").asInt()).isEqualTo(2);
    assertThat(response.body().path("rejected").get(1).path("field").asText()).isEqualTo("type");
    assertThat(eventCount()).isEqualTo(before + 2);
  }

  @Test
  void a_batch_whose_events_are_all_bad_is_a_400() {
    Response response =
        server.track("/v1/batch", "{\"batch\":[{\"type\":\"track\",\"userId\":\"x\"}]}");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().path("index").asInt()).isEqualTo(0);
  }

  @Test
  void a_timestamp_outside_1970_to_tomorrow_is_a_400_naming_timestamp() {
    for (String ts :
        List.of("0001-01-01T00:00:00Z", "1500-06-01T00:00:00Z", "2999-01-01T00:00:00Z")) {
      Response response =
          server.track(
              "/v1/track", "{\"userId\":\"ts\",\"event\":\"E\",\"timestamp\":\"" + ts + "\"}");
      assertThat(response.status()).as(ts).isEqualTo(400);
      assertThat(response.body().path("field").asText()).isEqualTo("timestamp");
    }
    assertThat(server.track("/v1/track", "{\"userId\":\"ts\",\"event\":\"E\"}").status())
        .isEqualTo(200);
  }

  @Test
  void text_that_postgresql_cannot_store_is_a_400_not_a_server_error() {
    Response nul = server.track("/v1/track", "{\"userId\":\"a\\u0000b\",\"event\":\"x\"}");
    assertThat(nul.status()).isEqualTo(400);
    assertThat(nul.body().path("message").asText()).contains("NUL");
    Response eventNumber = server.track("/v1/track", "{\"userId\":\"n\",\"event\":5}");
    assertThat(eventNumber.body().path("message").asText()).isEqualTo("event must be a string");
    Response huge =
        server.track(
            "/v1/track",
            "{\"userId\":\"big\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"BIG\",\"revenue\":1e400}}");
    assertThat(huge.status()).isEqualTo(400); // refused at the door, never reaching the database
    assertThat(huge.body().path("field").asText()).isEqualTo("properties.revenue");
  }

  @Test
  void tabs_newlines_backslashes_and_unicode_are_stored_exactly() {
    String text = "a\tb\nc\\d \\N é 😀";
    server.trackOk(
        "/v1/track",
        "{\"userId\":\"esc\\tuser\",\"event\":\"E\",\"messageId\":\"esc-1\",\"properties\":{\"text\":"
            + dev.kairos.platform.http.Json.MAPPER.valueToTree(text)
            + "}}");
    java.util.List<String> stored =
        server.row(
            "select payload::json->'properties'->>'text', user_id from events where message_id = 'esc-1'");
    assertThat(stored.get(0)).isEqualTo(text);
    assertThat(stored.get(1)).isEqualTo("esc\tuser");
  }

  @Test
  void a_sent_at_beyond_any_calendar_is_a_400_not_a_server_error() {
    Response response =
        server.track(
            "/v1/track",
            "{\"userId\":\"far\",\"event\":\"E\",\"sentAt\":\"+300000000-01-01T00:00:00Z\","
                + "\"timestamp\":\"2026-01-01T00:00:00Z\"}");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().path("field").asText()).isEqualTo("sentAt");
  }

  @Test
  void a_numeric_message_id_is_deduplicated_like_a_string() {
    String event = "{\"userId\":\"num\",\"event\":\"Clicked\",\"messageId\":4242}";
    server.track("/v1/track", event);
    assertThat(server.track("/v1/track", event).body().path("duplicates").asInt()).isEqualTo(1);
    assertThat(
            server
                .track("/v1/track", "{\"userId\":\"num\",\"event\":\"E\",\"messageId\":{\"a\":1}}")
                .body()
                .path("field")
                .asText())
        .isEqualTo("messageId");
  }

  @Test
  void a_repeated_message_id_is_stored_once() {
    String event = "{\"userId\":\"dup\",\"event\":\"Clicked\",\"messageId\":\"dup-1\"}";
    Response first = server.track("/v1/track", event);
    Response second = server.track("/v1/track", event);
    Response inBatch =
        server.track(
            "/v1/batch",
            "{\"batch\":[{\"type\":\"track\",\"userId\":\"dup\",\"event\":\"Clicked\",\"messageId\":\"dup-1\"},"
                + "{\"type\":\"track\",\"userId\":\"dup\",\"event\":\"Clicked\",\"messageId\":\"dup-2\"},"
                + "{\"type\":\"track\",\"userId\":\"dup\",\"event\":\"Clicked\",\"messageId\":\"dup-2\"}]}");
    assertThat(first.body().path("accepted").asInt()).isEqualTo(1);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body().path("duplicates").asInt()).isEqualTo(1);
    assertThat(inBatch.body().path("accepted").asInt()).isEqualTo(1);
    assertThat(inBatch.body().path("duplicates").asInt()).isEqualTo(2);
  }

  @Test
  void trailing_slashes_are_accepted() {
    assertThat(server.track("/v1/track/", "{\"userId\":\"s\",\"event\":\"E\"}").status())
        .isEqualTo(200);
    assertThat(server.track("/v1/batch/", "{\"batch\":[]}").status()).isEqualTo(200);
  }

  @Test
  void every_segment_call_type_is_accepted() {
    assertThat(server.track("/v1/identify", "{\"userId\":\"t\",\"traits\":{\"a\":1}}").status())
        .isEqualTo(200);
    assertThat(server.track("/v1/page", "{\"userId\":\"t\",\"name\":\"Home\"}").status())
        .isEqualTo(200);
    assertThat(server.track("/v1/screen", "{\"userId\":\"t\",\"name\":\"Home\"}").status())
        .isEqualTo(200);
    assertThat(server.track("/v1/group", "{\"userId\":\"t\",\"groupId\":\"g1\"}").status())
        .isEqualTo(200);
    assertThat(server.track("/v1/alias", "{\"userId\":\"t\",\"previousId\":\"anon-t\"}").status())
        .isEqualTo(200);
    assertThat(server.track("/v1/group", "{\"userId\":\"t\"}").body().path("field").asText())
        .isEqualTo("groupId");
    assertThat(server.track("/v1/alias", "{\"userId\":\"t\"}").body().path("field").asText())
        .isEqualTo("previousId");
    assertThat(
            server
                .track(
                    "/v1/import",
                    "{\"batch\":[{\"type\":\"track\",\"userId\":\"t\",\"event\":\"I\"}]}")
                .status())
        .isEqualTo(200);
  }

  @Test
  void batch_context_and_sent_at_apply_to_every_event_and_skew_is_corrected() {
    // The client's clock is 1 hour ahead: it sent at 13:00 (its time) an event of 12:59:00.
    // The server received it at 12:00:00, so the event happened at 11:59:00.
    server.track(
        "/v1/batch",
        """
        {"sentAt":"2026-03-01T13:00:00Z",
         "context":{"library":{"name":"analytics-test"},"ip":"10.0.0.1"},
         "batch":[{"type":"track","userId":"skew","event":"E","messageId":"skew-1",
                   "timestamp":"2026-03-01T12:59:00Z","context":{"ip":"10.0.0.2"}}]}""");
    java.util.List<String> payload =
        server.row(
            "select payload::text, occurred_at = '2026-03-01T11:59:00Z'::timestamptz from events"
                + " where message_id = 'skew-1'");
    assertThat(payload.get(1)).as("timestamp corrected to 11:59:00").isEqualTo("t");
    com.fasterxml.jackson.databind.JsonNode stored = readJson(payload.get(0));
    assertThat(stored.path("context").path("library").path("name").asText())
        .isEqualTo("analytics-test");
    assertThat(stored.path("context").path("ip").asText()).isEqualTo("10.0.0.2");
    assertThat(stored.path("originalTimestamp").asText()).isEqualTo("2026-03-01T12:59:00Z");
  }

  @Test
  void health_and_prometheus_metrics_are_served() {
    assertThat(server.get("/health").status()).isEqualTo(200);
    server.track("/v1/track", "{\"userId\":\"m\",\"event\":\"Counted\"}");
    Response metrics = server.get("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.text())
        .contains("kairos_ingest_events_total{outcome=\"stored\"}")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void the_management_api_requires_the_admin_token() {
    assertThat(server.post("/api/merges/1/undo", "", null).status()).isEqualTo(401);
    assertThat(server.post("/api/merges/1/undo", "", "Bearer nope").status()).isEqualTo(401);
    assertThat(server.get("/api/openapi.json").status()).isEqualTo(200);
  }

  private static com.fasterxml.jackson.databind.JsonNode readJson(String text) {
    try {
      return dev.kairos.platform.http.Json.MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void gzip_bodies_are_accepted() throws Exception {
    var bytes = new java.io.ByteArrayOutputStream();
    try (var gzip = new java.util.zip.GZIPOutputStream(bytes)) {
      gzip.write("{\"userId\":\"gz\",\"event\":\"Zipped\"}".getBytes());
    }
    var request =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/v1/track"))
            .header("Authorization", TestServer.basic(TestServer.WRITE_KEY))
            .header("Content-Encoding", "gzip")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray()))
            .build();
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void an_unknown_content_encoding_is_a_415_and_a_wrong_method_a_405() throws Exception {
    var request =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/v1/track"))
            .header("Authorization", TestServer.basic(TestServer.WRITE_KEY))
            .header("Content-Encoding", "br")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
            .build();
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.body()).contains("Content-Encoding");
    Response get = server.get("/v1/track");
    assertThat(get.status()).isEqualTo(405);
    assertThat(get.body().path("error").asText()).isEqualTo("method_not_allowed");
  }

  @Test
  void unknown_routes_answer_json_404() {
    Response response = server.get("/v1/nothing-here");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.body().path("error").asText()).isEqualTo("not_found");
    Response missing = server.get("/api/profiles/" + java.util.UUID.randomUUID());
    assertThat(missing.body().path("message").asText()).isEqualTo("no such profile");
  }
}
