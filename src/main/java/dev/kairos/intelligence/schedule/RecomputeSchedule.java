package dev.kairos.intelligence.schedule;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.kairos.intelligence.IntelligenceSettings;
import dev.kairos.intelligence.RecomputeSummary;
import dev.kairos.intelligence.RecomputingProfileScores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the recompute on a schedule with db-scheduler: the full recompute daily at {@code
 * KAIROS_INTELLIGENCE_DAILY_AT} in the workspace's time zone, and the incremental pass every {@code
 * KAIROS_INTELLIGENCE_INCREMENTAL_MINUTES}. The schedule lives in the {@code scheduled_tasks}
 * table, so on several nodes each run is picked by exactly one of them, and a run whose node died
 * is picked up again. Time is the server's injected clock.
 */
public final class RecomputeSchedule implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RecomputeSchedule.class);
  static final String DAILY = "profile-scores-daily";
  static final String INCREMENTAL = "profile-scores-incremental";

  private final Scheduler scheduler;

  private RecomputeSchedule(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  public static RecomputeSchedule start(
      DataSource dataSource,
      RecomputingProfileScores recompute,
      IntelligenceSettings settings,
      Clock clock) {
    RecurringTask<Void> daily =
        Tasks.recurring(DAILY, Schedules.daily(settings.workspaceZone(), settings.dailyAt()))
            .execute((instance, context) -> log(recompute.recomputeAll()));
    RecurringTask<Void> incremental =
        Tasks.recurring(INCREMENTAL, new Every(settings.incrementalEvery()))
            .execute((instance, context) -> log(recompute.rescoreChanged()));
    Scheduler scheduler =
        Scheduler.create(dataSource)
            .startTasks(List.of(daily, incremental))
            .clock(clock::instant)
            .threads(1)
            .pollingInterval(Duration.ofSeconds(5))
            .shutdownMaxWait(Duration.ofSeconds(30))
            .build();
    scheduler.start();
    return new RecomputeSchedule(scheduler);
  }

  private static void log(RecomputeSummary summary) {
    LOG.info(
        "{} profile recompute as of {}: {} profiles, {} stage changes, {} ms",
        summary.kind().value(),
        summary.asOf(),
        summary.profiles(),
        summary.stageChanges(),
        summary.durationMillis());
  }

  /** Looks for due runs now instead of at the next poll (after a test moved the clock). */
  public void checkNow() {
    scheduler.triggerCheckForDueExecutions();
  }

  @Override
  public void close() {
    scheduler.stop();
  }

  /**
   * A fixed delay whose first run is one interval after the task is first scheduled (db-scheduler's
   * own fixed delay runs at once), so a node starting up does not recompute before serving.
   */
  record Every(Duration interval) implements Schedule {
    @Override
    public Instant getInitialExecutionTime(Instant now) {
      return now.plus(interval);
    }

    @Override
    public Instant getNextExecutionTime(ExecutionComplete done) {
      return done.getTimeDone().plus(interval);
    }

    @Override
    public boolean isDeterministic() {
      return false;
    }
  }
}
