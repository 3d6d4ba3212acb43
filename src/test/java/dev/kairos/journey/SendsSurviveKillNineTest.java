package dev.kairos.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testing.ServeProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guarantee 4: a send is written exactly once to the outbox per (run, step), across a kill -9. A
 * node works through a burst of due sends; the JVM and its embedded PostgreSQL are killed with
 * SIGKILL in the middle; after a restart every run has exactly one outbox entry, delivered once.
 */
class SendsSurviveKillNineTest {
  static final int RUNS = 5_000;

  @Test
  void every_run_has_exactly_one_outbox_entry_after_a_kill_9_mid_burst(@TempDir Path home)
      throws Exception {
    ServeProcess first = ServeProcess.start(home);
    assertThat(
            first
                .admin(
                    "POST",
                    "/api/templates",
                    "{\"key\": \"hi\", \"subject\": \"Hi\", \"text\": \"Hello {{ profile.id }}\"}")
                .statusCode())
        .isEqualTo(201);
    assertThat(
            first
                .admin(
                    "POST",
                    "/api/journeys",
                    """
        {"key": "burst", "trigger": {"event": "Burst"}, "start": "wait",
         "steps": {"wait": {"type": "delay", "duration": "PT1M", "next": "hello"},
                   "hello": {"type": "send", "channel": "email", "template": "hi",
                             "topic": "transactional", "next": "exit"}}}""")
                .statusCode())
        .isEqualTo(201);
    assertThat(first.admin("POST", "/api/journeys/burst/publish", "").statusCode()).isEqualTo(200);
    try (Connection c = DriverManager.getConnection(first.databaseUrl());
        Statement s = c.createStatement()) {
      // RUNS people whose delay is over: the node starts on them at once
      s.execute(
          "with p as (insert into profiles (id, created_at, updated_at)"
              + " select gen_random_uuid(), now(), now() from generate_series(1, "
              + RUNS
              + ") returning id)"
              + " insert into journey_runs (id, journey_key, version, profile_id, status, step, waiting,"
              + " due_at, entered_at) select gen_random_uuid(), 'burst', 1, id, 'active', 'wait', true,"
              + " now() - interval '1 second', now() from p");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      long queued = 0;
      while (queued < 500 && System.nanoTime() < deadline) {
        queued = number(s, "select count(*) from messages");
        TimeUnit.MILLISECONDS.sleep(5); // polling what the other process does; no time is assumed
      }
      assertThat(queued).as("the burst had begun").isGreaterThanOrEqualTo(500);
    }
    // the JVM, the postmaster and every backend at once, as a power cut would: backends left
    // behind would hold the shared memory and keep the next postmaster from starting
    first.killEverything();

    ServeProcess second = ServeProcess.start(home);
    try (Connection c = DriverManager.getConnection(second.databaseUrl());
        Statement s = c.createStatement()) {
      long before = number(s, "select count(*) from journey_runs where status = 'completed'");
      assertThat(before).as("the kill came mid-burst").isLessThan(RUNS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
      while (number(s, "select count(*) from messages where status = 'sandboxed'") < RUNS
          && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(50);
      }
      assertThat(number(s, "select count(*) from journey_runs where status = 'completed'"))
          .isEqualTo(RUNS);
      assertThat(number(s, "select count(*) from messages")).isEqualTo(RUNS);
      assertThat(number(s, "select count(*) from messages where status = 'sandboxed'"))
          .isEqualTo(RUNS);
      assertThat(number(s, "select count(distinct run_id) from messages")).isEqualTo(RUNS);
      assertThat(
              number(
                  s,
                  "select count(*) from (select run_id from journey_trace where type = 'send'"
                      + " group by run_id having count(*) <> 1) d"))
          .isZero();
      assertThat(number(s, "select count(*) from delivery_attempts")).isEqualTo(RUNS);
    } finally {
      second.stop();
    }
  }

  static long number(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
