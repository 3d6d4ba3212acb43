package dev.kairos.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testing.ServeProcess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM (what {@code docker stop}, systemd and Ctrl-C send) stops a node gracefully: a batch in
 * flight is still stored and answered, and the embedded PostgreSQL stops only after it.
 */
class StopSignalTest {

  @Test
  void a_batch_in_flight_at_sigterm_is_stored_and_answered_before_the_database_stops()
      throws Exception {
    Path home = Files.createTempDirectory("kairos-sigterm");
    ServeProcess node = ServeProcess.start(home);
    CompletableFuture<HttpResponse<String>> inFlight;
    try (Connection blocker = DriverManager.getConnection(node.databaseUrl())) {
      // hold the appenders' lock so the batch waits inside the server, mid-request
      blocker.setAutoCommit(false);
      blocker.createStatement().execute("select pg_advisory_xact_lock(" + 0x4b4149524f5341L + ")");
      inFlight =
          node.postAsync(
              "/v1/batch",
              "{\"batch\":[{\"type\":\"track\",\"userId\":\"term\",\"event\":\"E\","
                  + "\"messageId\":\"term-1\"}]}");
      awaitWaitingOnLock(blocker);
      // SIGTERM (through the handle: Process.destroy would also close the output we read)
      node.process().toHandle().destroy();
      awaitOutput(node, "Kairos is stopping"); // the node has begun to stop
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

  private static void awaitWaitingOnLock(Connection c) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try (ResultSet rs =
          c.createStatement()
              .executeQuery(
                  "select count(*) from pg_locks where locktype = 'advisory' and not granted")) {
        rs.next();
        if (rs.getLong(1) > 0) {
          return;
        }
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
    throw new AssertionError("the batch never waited for the appenders' lock");
  }

  private static void awaitOutput(ServeProcess node, String text) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      synchronized (node.output()) {
        if (node.output().stream().anyMatch(line -> line.contains(text))) {
          return;
        }
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
    throw new AssertionError("the node never said '" + text + "': " + node.output());
  }
}
