package dev.kairos.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testing.TestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Guarantee 1: a 2xx from the tracking API means the events are durably stored. A Kairos process
 * with its embedded PostgreSQL is killed with SIGKILL right after the 2xx; on restart every event
 * acknowledged is there.
 */
class KillNineTest {
  private static final Pattern LISTENING = Pattern.compile("listening on http://localhost:(\\d+)");

  record Node(Process process, int port) {}

  @Test
  void events_acknowledged_before_a_kill_9_are_there_after_restart() throws Exception {
    Path home = Files.createTempDirectory("kairos-kill9");
    Node first = start(home);
    StringBuilder batch = new StringBuilder("{\"batch\":[");
    for (int i = 0; i < 300; i++) {
      batch
          .append(i == 0 ? "" : ",")
          .append("{\"type\":\"track\",\"userId\":\"k9\",\"event\":\"Order Completed\",")
          .append("\"messageId\":\"k9-")
          .append(i)
          .append("\",\"properties\":{\"order_id\":\"K9-")
          .append(i)
          .append("\",\"revenue\":1}}");
    }
    batch.append("]}");
    HttpResponse<String> ack = post(first.port(), "/v1/batch", batch.toString());
    assertThat(ack.statusCode()).isEqualTo(200);
    first.process().destroyForcibly();
    first.process().waitFor(30, TimeUnit.SECONDS);

    Node second = start(home);
    try {
      HttpResponse<String> profile =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://localhost:"
                                  + second.port()
                                  + "/api/profiles?identifier=userId:k9"))
                      .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(profile.statusCode()).isEqualTo(200);
      assertThat(profile.body()).contains("\"orders_count\":300");
      // re-sending the acknowledged batch (a client retry) stores nothing twice
      HttpResponse<String> retry = post(second.port(), "/v1/batch", batch.toString());
      assertThat(retry.body()).contains("\"accepted\":0").contains("\"duplicates\":300");
    } finally {
      second.process().destroy();
      second.process().waitFor(60, TimeUnit.SECONDS);
    }
  }

  private static Node start(Path home) throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.kairos.cli.KairosCommand",
            "serve");
    builder.environment().put("KAIROS_HOME", home.toString());
    builder.environment().put("KAIROS_HTTP_PORT", "0");
    builder.environment().put("KAIROS_WRITE_KEY", TestServer.WRITE_KEY);
    builder.environment().put("KAIROS_ADMIN_TOKEN", TestServer.ADMIN_TOKEN);
    builder.environment().remove("KAIROS_DATABASE_URL");
    builder.redirectErrorStream(true);
    Process process = builder.start();
    BlockingQueue<Integer> port = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    port.add(Integer.parseInt(m.group(1)));
                  }
                }
              } catch (IOException ignored) {
                // the process ended
              }
            });
    reader.setDaemon(true);
    reader.start();
    Integer listening = port.poll(120, TimeUnit.SECONDS);
    if (listening == null) {
      process.destroyForcibly();
      throw new AssertionError("Kairos did not start within 120 s");
    }
    return new Node(process, listening);
  }

  private static HttpResponse<String> post(int port, String path, String json)
      throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestServer.basic(TestServer.WRITE_KEY))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
