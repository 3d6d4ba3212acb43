package dev.kairos.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testing.ServeProcess;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guarantee 1: a 2xx from the tracking API means the events are durably stored. A Kairos process
 * with its embedded PostgreSQL is killed with SIGKILL right after the 2xx; on restart every event
 * acknowledged is there.
 */
class KillNineTest {
  @Test
  void events_acknowledged_before_a_kill_9_are_there_after_restart(@TempDir Path home)
      throws Exception {
    ServeProcess first = ServeProcess.start(home);
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
    HttpResponse<String> ack = first.post("/v1/batch", batch.toString());
    assertThat(ack.statusCode()).isEqualTo(200);
    first.process().destroyForcibly();
    first.process().waitFor(30, TimeUnit.SECONDS);

    ServeProcess second = ServeProcess.start(home);
    try {
      HttpResponse<String> profile = second.admin("/api/profiles?identifier=userId:k9");
      assertThat(profile.statusCode()).isEqualTo(200);
      assertThat(profile.body()).contains("\"orders_count\":300");
      // re-sending the acknowledged batch (a client retry) stores nothing twice
      HttpResponse<String> retry = second.post("/v1/batch", batch.toString());
      assertThat(retry.body()).contains("\"accepted\":0").contains("\"duplicates\":300");
    } finally {
      second.stop();
    }
  }
}
