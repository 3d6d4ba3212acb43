package dev.kairos.intelligence;

import dev.kairos.intelligence.clv.ClvSettings;
import dev.kairos.intelligence.lifecycle.LifecycleSettings;
import dev.kairos.intelligence.replenishment.ReplenishmentSettings;
import dev.kairos.intelligence.rfm.RfmSettings;
import dev.kairos.intelligence.sendtime.SendHourSettings;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * When and how the profile scores are recomputed, from the operator's environment:
 *
 * <ul>
 *   <li>{@code KAIROS_WORKSPACE_TIME_ZONE}: the zone of profiles without one, and of the daily
 *       recompute (default {@code UTC})
 *   <li>{@code KAIROS_INTELLIGENCE_DAILY_AT}: local time of the full recompute (default {@code
 *       03:00})
 *   <li>{@code KAIROS_INTELLIGENCE_INCREMENTAL_MINUTES}: minutes between incremental passes
 *       (default 5)
 *   <li>{@code KAIROS_RFM_WINDOW_DAYS}: how many days of orders RFM scores (default 365).
 *   <li>{@code KAIROS_INTELLIGENCE_SCHEDULE}: {@code on} (default) or {@code off}; off leaves only
 *       {@code POST /api/intelligence/recompute}
 *   <li>{@code KAIROS_ANALYSIS_AS_OF}: the "now" every recompute of this node scores against (a
 *       day, or a date and time, see {@link AnalysisDate}); unset: the clock's now. For a shop
 *       evaluated on, or importing, a history that ended in the past.
 * </ul>
 *
 * The models' own settings are their defaults (see docs/rfm-and-lifecycle.md and docs/clv.md); the
 * CLV models turn order instants into days in the workspace's time zone.
 */
public record IntelligenceSettings(
    ZoneId workspaceZone,
    LocalTime dailyAt,
    Duration incrementalEvery,
    boolean scheduled,
    RfmSettings rfm,
    LifecycleSettings lifecycle,
    ReplenishmentSettings replenishment,
    SendHourSettings sendHour,
    ClvSettings clv,
    Optional<Instant> analysisAsOf) {

  public static IntelligenceSettings defaults() {
    ZoneId utc = ZoneId.of("UTC");
    return new IntelligenceSettings(
        utc,
        LocalTime.of(3, 0),
        Duration.ofMinutes(5),
        true,
        RfmSettings.defaults(),
        LifecycleSettings.defaults(),
        ReplenishmentSettings.defaults(),
        SendHourSettings.defaults(),
        ClvSettings.DEFAULT.withZone(utc),
        Optional.empty());
  }

  /**
   * Reads the settings from environment variables.
   *
   * @throws IllegalArgumentException naming the variable when a value is not valid
   */
  public static IntelligenceSettings from(Map<String, String> env) {
    IntelligenceSettings d = defaults();
    ZoneId workspaceZone = zone(env, "KAIROS_WORKSPACE_TIME_ZONE", d.workspaceZone());
    return new IntelligenceSettings(
        workspaceZone,
        time(env, "KAIROS_INTELLIGENCE_DAILY_AT", d.dailyAt()),
        minutes(env, "KAIROS_INTELLIGENCE_INCREMENTAL_MINUTES", d.incrementalEvery()),
        onOff(env, "KAIROS_INTELLIGENCE_SCHEDULE", d.scheduled()),
        new RfmSettings(days(env, "KAIROS_RFM_WINDOW_DAYS", d.rfm().window())),
        d.lifecycle(),
        d.replenishment(),
        d.sendHour(),
        d.clv().withZone(workspaceZone),
        analysisAsOf(env, "KAIROS_ANALYSIS_AS_OF", workspaceZone));
  }

  private static Optional<Instant> analysisAsOf(
      Map<String, String> env, String name, ZoneId workspaceZone) {
    String value = value(env, name);
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(AnalysisDate.parse(value, workspaceZone));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " " + e.getMessage());
    }
  }

  private static ZoneId zone(Map<String, String> env, String name, ZoneId fallback) {
    String value = value(env, name);
    if (value == null) {
      return fallback;
    }
    try {
      return ZoneId.of(value);
    } catch (DateTimeException e) {
      throw invalid(name, value, "an IANA time zone such as Europe/London");
    }
  }

  private static LocalTime time(Map<String, String> env, String name, LocalTime fallback) {
    String value = value(env, name);
    if (value == null) {
      return fallback;
    }
    try {
      return LocalTime.parse(value);
    } catch (DateTimeParseException e) {
      throw invalid(name, value, "a local time such as 03:00");
    }
  }

  private static Duration days(Map<String, String> env, String name, Duration fallback) {
    String value = value(env, name);
    if (value == null) {
      return fallback;
    }
    int days;
    try {
      days = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      days = 0;
    }
    if (days < 7 || days > 3650) {
      throw invalid(name, value, "a number of days from 7 to 3650");
    }
    return Duration.ofDays(days);
  }

  private static Duration minutes(Map<String, String> env, String name, Duration fallback) {
    String value = value(env, name);
    if (value == null) {
      return fallback;
    }
    int minutes;
    try {
      minutes = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      minutes = 0;
    }
    if (minutes < 1 || minutes > 24 * 60) {
      throw invalid(name, value, "a number of minutes from 1 to 1440");
    }
    return Duration.ofMinutes(minutes);
  }

  private static boolean onOff(Map<String, String> env, String name, boolean fallback) {
    String value = value(env, name);
    if (value == null) {
      return fallback;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "on", "true", "yes", "1" -> true;
      case "off", "false", "no", "0" -> false;
      default -> throw invalid(name, value, "on or off");
    };
  }

  private static String value(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static IllegalArgumentException invalid(String name, String value, String expected) {
    return new IllegalArgumentException(name + " must be " + expected + ", was: " + value);
  }
}
