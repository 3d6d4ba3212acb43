package dev.kairos.intelligence;

import dev.kairos.intelligence.recommend.RecommenderConfig;
import java.time.Duration;
import java.util.Map;

/**
 * How the server builds and refreshes its recommendation model, from the operator's environment:
 *
 * <ul>
 *   <li>{@code KAIROS_RECOMMENDATIONS_REBUILD_MINUTES}: minutes between rebuilds of the in-memory
 *       model (default 60; 1 to 1440)
 *   <li>{@code KAIROS_RECOMMENDATIONS_VIEW_DAYS}: how many days of product views the model reads
 *       (default 180; 1 to 3650); purchases are read in full
 * </ul>
 *
 * The model's own settings are {@link RecommenderConfig#defaults()} (see docs/recommendations.md).
 */
public record RecommendationSettings(
    Duration rebuildEvery, Duration viewWindow, RecommenderConfig model) {

  public static RecommendationSettings defaults() {
    return new RecommendationSettings(
        Duration.ofMinutes(60), Duration.ofDays(180), RecommenderConfig.defaults());
  }

  /**
   * Reads the settings from environment variables.
   *
   * @throws IllegalArgumentException naming the variable when a value is not valid
   */
  public static RecommendationSettings from(Map<String, String> env) {
    RecommendationSettings d = defaults();
    return new RecommendationSettings(
        Duration.ofMinutes(
            number(
                env, "KAIROS_RECOMMENDATIONS_REBUILD_MINUTES", d.rebuildEvery().toMinutes(), 1440)),
        Duration.ofDays(
            number(env, "KAIROS_RECOMMENDATIONS_VIEW_DAYS", d.viewWindow().toDays(), 3650)),
        d.model());
  }

  private static long number(Map<String, String> env, String name, long fallback, long max) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    long number;
    try {
      number = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      number = 0;
    }
    if (number < 1 || number > max) {
      throw new IllegalArgumentException(
          name + " must be a whole number from 1 to " + max + ", was: " + value);
    }
    return number;
  }
}
