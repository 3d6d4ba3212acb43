package dev.kairos.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.platform.db.Database;
import dev.kairos.testing.TestDatabase;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CpuPriorityTest {

  @Test
  void a_thread_lowers_its_own_priority_and_not_the_others() throws InterruptedException {
    long caller = CpuPriority.currentThreadId().orElseThrow();
    int callerNice = CpuPriority.niceOf(caller).orElseThrow();
    assertThat(callerNice).isLessThan(CpuPriority.BACKGROUND_NICE);
    AtomicBoolean lowered = new AtomicBoolean();
    AtomicReference<OptionalInt> after = new AtomicReference<>();
    // a name with spaces and parentheses, as the kernel's stat line shows it inside its own ()
    Thread background =
        new Thread(
            () -> {
              OptionalLong self = CpuPriority.currentThreadId();
              lowered.set(CpuPriority.lowerCurrentThread(CpuPriority.BACKGROUND_NICE));
              after.set(CpuPriority.niceOf(self.orElseThrow()));
            },
            "bg (x) y");
    background.start();
    background.join();

    assertThat(lowered).isTrue();
    assertThat(after.get().orElseThrow()).isGreaterThanOrEqualTo(CpuPriority.BACKGROUND_NICE);
    assertThat(CpuPriority.niceOf(caller)).hasValue(callerNice);
  }

  @Test
  void a_background_pool_lowers_its_backends_and_the_main_pool_does_not() {
    String url = TestDatabase.freshUrl();
    try (Database main = Database.connect(url, "postgres", TestDatabase.password(), 2);
        Database background =
            Database.connectBackground(url, "postgres", TestDatabase.password(), 2)) {
      long backgroundBackend = background.read(CpuPriorityTest::backendPid);
      long mainBackend = main.read(CpuPriorityTest::backendPid);

      assertThat(CpuPriority.niceOf(backgroundBackend).orElseThrow())
          .isGreaterThanOrEqualTo(CpuPriority.BACKGROUND_NICE);
      assertThat(CpuPriority.niceOf(mainBackend).orElseThrow())
          .isLessThan(CpuPriority.BACKGROUND_NICE);
      assertThat(background.read(CpuPriorityTest::applicationName)).isEqualTo("kairos-background");
    }
  }

  @Test
  void a_process_that_does_not_exist_is_not_lowered() {
    assertThat(CpuPriority.lower(Integer.MAX_VALUE, CpuPriority.BACKGROUND_NICE)).isFalse();
    assertThat(CpuPriority.niceOf(Integer.MAX_VALUE)).isEmpty();
  }

  private static long backendPid(java.sql.Connection c) throws java.sql.SQLException {
    try (var rs = c.createStatement().executeQuery("select pg_backend_pid()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String applicationName(java.sql.Connection c) throws java.sql.SQLException {
    try (var rs = c.createStatement().executeQuery("show application_name")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
