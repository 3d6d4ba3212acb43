package dev.kairos.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testing.ServeProcess;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guarantee 1: a 2xx from the tracking API means the events are durably stored. A Kairos process
 * and its embedded PostgreSQL (the postmaster and every backend) are killed with SIGKILL right
 * after the 2xx, while some of the acknowledged events are still waiting to be applied to profiles;
 * on restart every acknowledged event is there and applied, replayed from the log.
 */
class KillNineTest {
  private static final int EVENTS = 300;

  @Test
  void events_acknowledged_before_a_kill_9_are_there_after_restart_even_if_not_yet_applied(
      @TempDir Path home) throws Exception {
    // the processor waits up to 10 s to apply in a fuller group: the kill comes before that
    ServeProcess first = ServeProcess.start(home, Map.of("KAIROS_APPLY_LINGER_MS", "10000"));
    String batch = batch();
    HttpResponse<String> ack = first.post("/v1/batch", batch);
    assertThat(ack.statusCode()).isEqualTo(200);
    long unapplied = unapplied(first);
    first.killEverything();

    assertThat(unapplied).as("acknowledged events not yet applied at the kill").isPositive();
    ServeProcess second = ServeProcess.start(home);
    try {
      HttpResponse<String> profile = second.admin("/api/profiles?identifier=userId:k9");
      assertThat(profile.statusCode()).isEqualTo(200);
      assertThat(profile.body()).contains("\"orders_count\":" + EVENTS);
      // re-sending the acknowledged batch (a client retry) stores nothing twice
      HttpResponse<String> retry = second.post("/v1/batch", batch);
      assertThat(retry.body()).contains("\"accepted\":0").contains("\"duplicates\":" + EVENTS);
    } finally {
      second.stop();
    }
  }

  private static String batch() {
    StringBuilder batch = new StringBuilder("{\"batch\":[");
    for (int i = 0; i < EVENTS; i++) {
      batch
          .append(i == 0 ? "" : ",")
          .append("{\"type\":\"track\",\"userId\":\"k9\",\"event\":\"Order Completed\",")
          .append("\"messageId\":\"k9-")
          .append(i)
          .append("\",\"properties\":{\"order_id\":\"K9-")
          .append(i)
          .append("\",\"revenue\":1}}");
    }
    return batch.append("]}").toString();
  }

  /** Events in the log past the applied cursor, read from the node's own database. */
  private static long unapplied(ServeProcess node) throws Exception {
    try (Connection c = DriverManager.getConnection(node.databaseUrl());
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "select (select coalesce(max(seq), 0) from events) - applied_seq"
                        + " from event_cursor")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
