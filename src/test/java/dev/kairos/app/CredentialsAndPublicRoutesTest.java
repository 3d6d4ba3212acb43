package dev.kairos.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each credential opens its own door only; the public routes need none; an unauthenticated call
 * costs no more than reading its raw body.
 */
class CredentialsAndPublicRoutesTest {
  private static TestServer server;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server = TestServer.start(new SettableClock(Instant.parse("2026-01-01T00:00:00Z")));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder to(TestServer on, String path) {
    return HttpRequest.newBuilder(URI.create(on.baseUrl() + path));
  }

  private static byte[] gzip(byte[] content) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(content);
    }
    return out.toByteArray();
  }

  @Test
  void the_write_key_cannot_read_the_management_api_and_is_named_as_such() throws Exception {
    HttpResponse<String> refused =
        send(to(server, "/api/profiles").header("Authorization", "Bearer " + TestServer.WRITE_KEY));
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).contains("is the write key").contains("admin token");
  }

  @Test
  void the_admin_token_cannot_post_to_the_tracking_api() throws Exception {
    String event = "{\"userId\":\"adm\",\"event\":\"Tried\"}";
    TestServer.Response basic =
        server.post("/v1/track", event, TestServer.basic(TestServer.ADMIN_TOKEN));
    assertThat(basic.status()).isEqualTo(401);
    assertThat(basic.text()).contains("admin token").doesNotContain("missing write key");
    String inBody =
        "{\"writeKey\":\"" + TestServer.ADMIN_TOKEN + "\",\"userId\":\"adm\",\"event\":\"Tried\"}";
    assertThat(server.post("/v1/track", inBody, null).status()).isEqualTo(401);
    TestServer.Response bearer =
        server.post("/v1/track", event, "Bearer " + TestServer.ADMIN_TOKEN);
    assertThat(bearer.status()).isEqualTo(401);
    assertThat(bearer.text())
        .as("the admin token as a Bearer token is named, not reported as a missing write key")
        .contains("admin token")
        .contains("write key")
        .doesNotContain("missing write key");
    TestServer.Response otherBearer = server.post("/v1/track", event, "Bearer not-a-key");
    assertThat(otherBearer.status()).isEqualTo(401);
    assertThat(otherBearer.text()).contains("Bearer token is not a write key");
    assertThat(server.count("select count(*) from events where user_id = 'adm'")).isZero();
  }

  @Test
  void health_openapi_and_public_metrics_answer_without_credentials() throws Exception {
    assertThat(send(to(server, "/health")).statusCode()).isEqualTo(200);
    assertThat(send(to(server, "/api/openapi.json")).statusCode()).isEqualTo(200);
    HttpResponse<String> metrics = send(to(server, "/metrics"));
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("kairos_ingest_events_total");
  }

  @Test
  void a_wrong_header_key_is_refused_before_the_body_is_inflated() throws Exception {
    byte[] notGzip = "this is not gzip at all".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response =
        send(
            to(server, "/v1/batch")
                .header("Authorization", TestServer.basic("wrong-write-key"))
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(notGzip)));
    assertThat(response.statusCode()).isEqualTo(401); // not the 400 "not valid gzip" of inflating
  }

  @Test
  void a_wrong_key_in_a_gzip_body_is_refused_with_401() throws Exception {
    byte[] body =
        gzip(
            "{\"writeKey\":\"wrong-write-key\",\"batch\":[{\"type\":\"track\",\"userId\":\"g\",\"event\":\"E\"}]}"
                .getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response =
        send(
            to(server, "/v1/batch")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void a_right_key_in_a_gzip_body_is_found_and_the_call_stored() throws Exception {
    byte[] body =
        gzip(
            ("{\"batch\":[{\"type\":\"track\",\"userId\":\"g\",\"event\":\"E\",\"properties\":{\"writeKey\":\"decoy\"}}],"
                    + "\"writeKey\":\""
                    + TestServer.WRITE_KEY
                    + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response =
        send(
            to(server, "/v1/batch")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  @Test
  void a_gzip_bomb_is_inflated_only_up_to_the_call_limit() throws Exception {
    byte[] bomb = gzip(new byte[64 * 1024 * 1024]); // 64 MB of zeros in about 64 KB
    HttpResponse<String> response =
        send(
            to(server, "/v1/batch")
                .header("Authorization", TestServer.basic(TestServer.WRITE_KEY))
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bomb)));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("larger than 500 KB");
  }

  @Test
  void metrics_kept_local_answer_this_machine_without_credentials() throws Exception {
    try (TestServer local =
        TestServer.start(
            new SettableClock(Instant.parse("2026-01-01T00:00:00Z")),
            Map.of("KAIROS_METRICS_ACCESS", "local"))) {
      // the test connects over loopback; another machine would get a 403
      assertThat(send(to(local, "/metrics")).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void an_unknown_metrics_access_stops_the_start_naming_it() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                TestServer.start(
                    new SettableClock(Instant.parse("2026-01-01T00:00:00Z")),
                    Map.of("KAIROS_METRICS_ACCESS", "private")))
        .hasMessageContaining("KAIROS_METRICS_ACCESS");
  }

  @Test
  void metrics_can_require_the_admin_token() throws Exception {
    try (TestServer guarded =
        TestServer.start(
            new SettableClock(Instant.parse("2026-01-01T00:00:00Z")),
            Map.of("KAIROS_METRICS_ACCESS", "admin"))) {
      assertThat(send(to(guarded, "/metrics")).statusCode()).isEqualTo(401);
      assertThat(
              send(to(guarded, "/metrics")
                      .header("Authorization", "Bearer " + TestServer.WRITE_KEY))
                  .statusCode())
          .isEqualTo(401);
      assertThat(
              send(to(guarded, "/metrics")
                      .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN))
                  .statusCode())
          .isEqualTo(200);
      assertThat(send(to(guarded, "/health")).statusCode()).isEqualTo(200);
    }
  }
}
