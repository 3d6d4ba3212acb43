package dev.kairos.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.ingest.EventWatermark;
import dev.kairos.ingest.web.ReadYourWrites;
import dev.kairos.platform.http.DocumentedQueryParameters;
import dev.kairos.platform.http.HttpServer;
import dev.kairos.platform.http.Json;
import dev.kairos.profile.web.AdminAuth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order of the management API's filters: the token first (a request without it never waits on
 * the event processor), then the query parameters, then the wait for acknowledged events.
 */
class ApiGateTest {
  private static final String TOKEN = "gate-admin-token";

  private final EventWatermark watermark = new EventWatermark();
  private final AtomicInteger waits = new AtomicInteger();
  private HttpServer http;

  @BeforeEach
  void start() throws Exception {
    watermark.markAppended(5); // acknowledged, not applied: a request that waits says so
    watermark.whenReaderWaits(
        () -> {
          waits.incrementAndGet();
          watermark.markApplied(5);
        });
    DocumentedQueryParameters parameters =
        new DocumentedQueryParameters(
            Json.MAPPER.readTree(
                "{\"paths\":{\"/api/things\":{\"get\":{\"parameters\":"
                    + "[{\"name\":\"limit\",\"in\":\"query\"}]}}}}"));
    ApiGate gate = new ApiGate(new AdminAuth(TOKEN), parameters, new ReadYourWrites(watermark));
    http =
        HttpServer.start(
            "127.0.0.1",
            0,
            List.of(routes -> routes.get("/api/things", ctx -> ctx.result("[]")), gate));
  }

  @AfterEach
  void stop() {
    http.close();
  }

  private int get(String path, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HttpClient.newHttpClient()
        .send(request.build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void a_request_without_the_token_is_refused_before_it_waits_on_the_processor() throws Exception {
    assertThat(get("/api/things", null)).isEqualTo(401);
    assertThat(get("/api/things", "Bearer wrong-token-value")).isEqualTo(401);
    assertThat(get("/api/no-such-route", null)).isEqualTo(401);
    assertThat(waits).hasValue(0);
  }

  @Test
  void unknown_query_parameters_are_refused_before_the_wait() throws Exception {
    assertThat(get("/api/things?limt=5", "Bearer " + TOKEN)).isEqualTo(400);
    assertThat(waits).hasValue(0);
  }

  @Test
  void an_authorised_request_waits_for_the_events_acknowledged_before_it() throws Exception {
    assertThat(get("/api/things?limit=5", "Bearer " + TOKEN)).isEqualTo(200);
    assertThat(waits).hasValue(1);
  }
}
