package dev.kairos.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testing.AppendLock;
import dev.kairos.testing.Await;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestDatabase;
import dev.kairos.testing.TestServer;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stopping a node stops taking requests but finishes the batches in flight: the client still gets
 * its 200 and the events are stored.
 */
class GracefulShutdownTest {

  @Test
  void a_batch_in_flight_when_the_node_stops_is_answered_and_stored() throws Exception {
    TestServer server = TestServer.start(new SettableClock(Instant.parse("2026-07-01T00:00:00Z")));
    String url = server.databaseUrl();
    HttpClient client = HttpClient.newHttpClient();
    String baseUrl = server.baseUrl();
    CompletableFuture<HttpResponse<String>> inFlight;
    try (Connection blocker =
        DriverManager.getConnection(url, "postgres", TestDatabase.password())) {
      AppendLock.hold(blocker);
      inFlight =
          client.sendAsync(
              HttpRequest.newBuilder(URI.create(baseUrl + "/v1/batch"))
                  .header("Authorization", TestServer.basic(TestServer.WRITE_KEY))
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"batch\":[{\"type\":\"track\",\"userId\":\"late\",\"event\":\"E\",\"messageId\":\"late-1\"}]}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Await.until(() -> AppendLock.awaited(blocker), "the batch waits for the appenders' lock");

      CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
      Await.until(() -> refusesConnections(client, baseUrl), "the node stops taking requests");
      assertThat(inFlight).isNotDone();
      blocker.rollback(); // release the lock: the batch can commit
      closing.get(60, TimeUnit.SECONDS);
    }
    HttpResponse<String> response = inFlight.get(60, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"accepted\":1");
    try (Connection check = DriverManager.getConnection(url, "postgres", TestDatabase.password());
        var rs =
            check
                .createStatement()
                .executeQuery(
                    "select count(*) from events e join event_profiles l on l.seq = e.seq"
                        + " where e.message_id = 'late-1'")) {
      rs.next();
      assertThat(rs.getLong(1)).as("stored and applied before the node stopped").isEqualTo(1);
    }
  }

  /** A new request is refused, answered 503, or left unanswered: the node takes no new work. */
  private static boolean refusesConnections(HttpClient client, String baseUrl) {
    try {
      client.send(
          HttpRequest.newBuilder(URI.create(baseUrl + "/health")).build(),
          HttpResponse.BodyHandlers.discarding());
      return false;
    } catch (ConnectException | java.net.http.HttpTimeoutException e) {
      return true; // refused, or accepted but never served
    } catch (Exception e) {
      return e.getCause() instanceof ConnectException;
    }
  }
}
