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
    publicUrl(config.environment().get("KAIROS_PUBLIC_URL"));
    try {
      CookieSecurity.Mode.parse(config.environment().get("KAIROS_CONSOLE_SECURE_COOKIES"));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage());
    }
  }

  /** {@code KAIROS_PUBLIC_URL}, when set, is an absolute http(s) URL (every link in a message). */
  static void publicUrl(String value) {
    if (value == null || value.isBlank()) {
      return;
    }
    java.net.URI uri;
    try {
      uri = new java.net.URI(value.trim());
    } catch (java.net.URISyntaxException e) {
      uri = null;
    }
    if (uri == null
        || uri.getHost() == null
        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new ConfigurationException(
          "KAIROS_PUBLIC_URL is not an absolute http(s) URL such as https://shop.example.com: "
              + value);
    }
  }
}
