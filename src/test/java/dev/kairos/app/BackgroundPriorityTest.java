package dev.kairos.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.platform.CpuPriority;
import dev.kairos.testing.Await;
import dev.kairos.testing.ServeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node applies the log at a lower CPU priority than it appends and answers: the processor's
 * thread and, with the embedded PostgreSQL, the backends of its own pool are niced; the request
 * threads, the group-commit thread and the pool events are appended through are not.
 */
class BackgroundPriorityTest {

  @Test
  void the_processor_runs_niced_and_the_append_path_does_not(@TempDir Path home) throws Exception {
    ServeProcess node = ServeProcess.start(home);
    try {
      assertThat(
              node.post(
                      "/v1/track",
                      "{\"userId\":\"p-1\",\"event\":\"Product Viewed\",\"messageId\":\"p-1\"}")
                  .statusCode())
          .isEqualTo(200);
      assertThat(node.admin("/api/profiles?identifier=userId:p-1").statusCode()).isEqualTo(200);
      long pid = node.process().pid();
      Await.until(
          () ->
              niceOfThreads(pid, "kairos-event-pr").stream()
                  .allMatch(n -> n >= CpuPriority.BACKGROUND_NICE),
          "the processor thread is niced");
      assertThat(niceOfThreads(pid, "kairos-event-pr")).hasSize(1);
      int started = CpuPriority.niceOf(pid).orElseThrow(); // the node's main thread
      assertThat(niceOfThreads(pid, "kairos-group-co")).containsExactly(started);
      assertThat(niceOfThreads(pid, "JettyServerThre")).isNotEmpty().containsOnly(started);

      try (Connection c = DriverManager.getConnection(node.databaseUrl())) {
        List<Integer> background = niceOfBackends(c, "kairos-background");
        List<Integer> main = niceOfBackends(c, "kairos");
        assertThat(background).anyMatch(n -> n >= CpuPriority.BACKGROUND_NICE);
        assertThat(main).isNotEmpty().allMatch(n -> n < CpuPriority.BACKGROUND_NICE);
      }
    } finally {
      node.stop();
    }
  }

  /** The nice value of each thread of the process whose name (cut to 15 bytes) is given. */
  private static List<Integer> niceOfThreads(long pid, String name) {
    List<Integer> nice = new ArrayList<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks.toList()) {
        if (Files.readString(task.resolve("comm")).strip().equals(name)) {
          nice.add(CpuPriority.niceOf(Long.parseLong(task.getFileName().toString())).orElseThrow());
        }
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return nice;
  }

  private static List<Integer> niceOfBackends(Connection c, String pool) throws SQLException {
    List<Integer> nice = new ArrayList<>();
    try (var ps =
        c.prepareStatement("select pid from pg_stat_activity where application_name = ?")) {
      ps.setString(1, pool);
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          CpuPriority.niceOf(rs.getLong(1)).ifPresent(nice::add);
        }
      }
    }
    return nice;
  }
}
