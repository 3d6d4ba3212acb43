package dev.kairos.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testing.AppendLock;
import dev.kairos.testing.Await;
import dev.kairos.testing.ServeProcess;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (what {@code docker stop}, systemd and Ctrl-C send) stops a node gracefully: a batch in
 * flight is still stored and answered, and the embedded PostgreSQL stops only after it.
 */
class StopSignalTest {

  @Test
  void a_batch_in_flight_at_sigterm_is_stored_and_answered_before_the_database_stops(
      @TempDir Path home) throws Exception {
    ServeProcess node = ServeProcess.start(home);
    CompletableFuture<HttpResponse<String>> inFlight;
    try (Connection blocker = DriverManager.getConnection(node.databaseUrl())) {
      AppendLock.hold(blocker);
      inFlight =
          node.postAsync(
              "/v1/batch",
              "{\"batch\":[{\"type\":\"track\",\"userId\":\"term\",\"event\":\"E\","
                  + "\"messageId\":\"term-1\"}]}");
      Await.until(() -> AppendLock.awaited(blocker), "the batch waits for the appenders' lock");
      // SIGTERM (through the handle: Process.destroy would also close the output we read)
      node.process().toHandle().destroy();
      Await.until(() -> node.said("Kairos is stopping"), "the node begins to stop");
      assertThat(blocker.isValid(5)).as("the database still runs while the node stops").isTrue();
      blocker.rollback(); // release the lock: the batch can commit
    }
    HttpResponse<String> response = inFlight.get(60, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"accepted\":1");
    assertThat(node.process().waitFor(90, TimeUnit.SECONDS)).isTrue();
    assertThat(home.resolve("postgres").resolve("postmaster.pid"))
        .as("PostgreSQL stopped cleanly with the node")
        .doesNotExist();
    assertThat(node.output())
        .as("nothing failed while stopping")
        .noneMatch(line -> line.contains(" ERROR ") || line.contains(" WARN "));

    ServeProcess again = ServeProcess.start(home);
    try {
      assertThat(again.admin("/api/profiles?identifier=userId:term").body())
          .contains("{\"kind\":\"userId\",\"value\":\"term\"}")
          .contains("\"first_seen_at\"");
    } finally {
      again.stop();
    }
  }
}
