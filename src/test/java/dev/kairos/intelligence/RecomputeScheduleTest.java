package dev.kairos.intelligence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.intelligence.schedule.RecomputeSchedule;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The daily recompute runs at the configured local time of the workspace, on the server's clock.
 */
class RecomputeScheduleTest {

  @Test
  void the_daily_recompute_runs_at_the_configured_time_in_the_workspace_zone() throws Exception {
    SettableClock clock = new SettableClock(Instant.parse("2026-05-01T09:00:00Z"));
    try (TestServer server =
        TestServer.start(
            clock,
            Map.of(
                "KAIROS_INTELLIGENCE_SCHEDULE", "on",
                "KAIROS_WORKSPACE_TIME_ZONE", "Europe/Berlin",
                "KAIROS_INTELLIGENCE_DAILY_AT", "04:30",
                "KAIROS_INTELLIGENCE_INCREMENTAL_MINUTES", "1440"))) {
      assertThat(
              server
                  .track(
                      "/v1/track",
                      "{\"userId\":\"ann\",\"event\":\"Order Completed\","
                          + "\"properties\":{\"order_id\":\"a1\",\"revenue\":30}}")
                  .status())
          .isEqualTo(200);
      CompletableFuture<RecomputeSummary> ran = new CompletableFuture<>();
      server.server().modules().profileScores().onCompleted(ran::complete);
      RecomputeSchedule schedule = server.server().modules().recomputeSchedule().orElseThrow();

      clock.set(Instant.parse("2026-05-02T02:30:01Z")); // 04:30:01 in Berlin (CEST, UTC+2)
      schedule.checkNow();

      RecomputeSummary summary = ran.get(60, TimeUnit.SECONDS);
      assertThat(summary.kind()).isEqualTo(RecomputeSummary.Kind.FULL);
      assertThat(summary.asOf()).isEqualTo(clock.instant());
      assertThat(
              server
                  .get("/api/profiles?identifier=userId:ann")
                  .body()
                  .path("lifecycle_stage")
                  .asText())
          .isEqualTo("first_time_buyer");
    }
  }

  @Test
  void an_invalid_setting_stops_the_server_naming_the_variable() {
    SettableClock clock = new SettableClock(Instant.parse("2026-05-01T09:00:00Z"));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> TestServer.start(clock, Map.of("KAIROS_INTELLIGENCE_DAILY_AT", "3 am")))
        .hasMessageContaining("KAIROS_INTELLIGENCE_DAILY_AT");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> TestServer.start(clock, Map.of("KAIROS_RFM_WINDOW_DAYS", "a year")))
        .hasMessageContaining("KAIROS_RFM_WINDOW_DAYS");
  }
}
