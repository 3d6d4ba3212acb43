package dev.kairos.intelligence.schedule;

import dev.kairos.intelligence.ServingRecommendations;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the in-memory recommendation model on every node: once at start (in the background, so
 * the server answers at once) and then {@code KAIROS_RECOMMENDATIONS_REBUILD_MINUTES} after each
 * rebuild ends. Unlike the recompute this is not a db-scheduler task: a recurring db-scheduler task
 * runs on one node of a cluster, but every node holds its own copy of the model. A failed rebuild
 * is logged and the previous model stays in service.
 */
public final class RecommendationSchedule implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RecommendationSchedule.class);

  private final ScheduledExecutorService executor;

  private RecommendationSchedule(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  public static RecommendationSchedule start(
      ServingRecommendations recommendations, Duration every) {
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "recommendations-rebuild");
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(
        () -> rebuild(recommendations), 0, every.toSeconds(), TimeUnit.SECONDS);
    return new RecommendationSchedule(executor);
  }

  private static void rebuild(ServingRecommendations recommendations) {
    try {
      ServingRecommendations.Build build = recommendations.rebuild();
      LOG.info(
          "recommendation model as of {}: {} products, {} interactions, read {} ms, built {} ms",
          build.builtFor(),
          build.products(),
          build.interactions(),
          build.readTime().toMillis(),
          build.buildTime().toMillis());
    } catch (RuntimeException e) {
      LOG.error("recommendation rebuild failed; the previous model stays in service", e);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
