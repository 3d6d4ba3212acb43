package dev.kairos.app;

import dev.kairos.console.web.CookieSecurity;
import dev.kairos.ingest.imports.ImportLimits;
import dev.kairos.platform.ConfigurationException;
import dev.kairos.platform.KairosConfig;
import dev.kairos.platform.signing.SigningKeys;

/**
 * Reads every setting of the configuration once, before anything is started (no database, no port,
 * no thread): a value that cannot be used stops the start with a {@link ConfigurationException}
 * naming its variable, and nothing has to be stopped again.
 */
final class ConfigurationCheck {
  private ConfigurationCheck() {}

  /** Throws the first setting that cannot be used, naming its variable. */
  static void check(KairosConfig config) {
    config.applyLinger();
    MetricsRoute.access(config.environment());
    ImportLimits.from(config.environment());
    Modules.identifierRules(config);
    Modules.intelligenceSettings(config);
    Modules.recommendationSettings(config);
    SegmentModule.builtIns(config);
    JourneyModule.checkSettings(config.environment());
    SigningKeys.check(config.environment());
    try {
      CookieSecurity.Mode.parse(config.environment().get("KAIROS_CONSOLE_SECURE_COOKIES"));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage());
    }
  }
}
