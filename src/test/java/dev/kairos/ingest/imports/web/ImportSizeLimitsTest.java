package dev.kairos.ingest.imports.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.platform.http.Json;
import dev.kairos.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An import larger than the configured limits is refused with a 413 and imports nothing. */
class ImportSizeLimitsTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            Clock.systemUTC(),
            Map.of("KAIROS_IMPORT_MAX_BODY_MB", "1", "KAIROS_IMPORT_MAX_DECOMPRESSED_MB", "2"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A customers file of about {@code megabytes} MB. */
  private static byte[] customers(int megabytes) {
    StringBuilder csv = new StringBuilder("customer_id,first_name\n");
    for (int i = 0; csv.length() < megabytes * 1024 * 1024; i++) {
      csv.append("big-").append(i).append(",Ann\n");
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> post(byte[] body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/imports/customers"))
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void a_body_over_the_limit_is_a_413_and_nothing_is_imported() throws Exception {
    HttpResponse<String> response = post(customers(2));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Json.MAPPER.readTree(response.body()).path("message").asText())
        .contains("larger than 1 MB (KAIROS_IMPORT_MAX_BODY_MB)");
    server.awaitApplied();
    assertThat(server.get("/api/profiles?identifier=userId:big-0").status()).isEqualTo(404);
  }

  @Test
  void a_gzip_body_that_inflates_over_the_limit_is_a_413_and_nothing_is_imported()
      throws Exception {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
      out.write(customers(3));
    }
    assertThat(zipped.size()).isLessThan(1024 * 1024);

    HttpResponse<String> response = post(zipped.toByteArray());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body())
        .contains("decompressed body is larger than 2 MB (KAIROS_IMPORT_MAX_DECOMPRESSED_MB)");
    server.awaitApplied();
    assertThat(server.get("/api/profiles?identifier=userId:big-0").status()).isEqualTo(404);
  }

  @Test
  void a_body_within_the_limits_is_imported() throws Exception {
    HttpResponse<String> response = post("customer_id\nsmall-1\n".getBytes(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }
}
