package dev.kairos.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's configuration, read from environment variables (names are part of the operator
 * contract: see docs/operations.md).
 *
 * @param environment every variable the configuration was read from, for contexts that read their
 *     own settings (e.g. {@code KAIROS_INTELLIGENCE_*})
 */
public record KairosConfig(
    int httpPort,
    Path home,
    Optional<String> databaseUrl,
    Optional<String> databaseUser,
    Optional<String> databasePassword,
    Optional<String> writeKey,
    Optional<String> adminToken,
    String identifierKinds,
    Optional<String> defaultCountry,
    Map<String, String> environment) {

  public KairosConfig {
    environment = Map.copyOf(environment);
  }

  public static final int DEFAULT_HTTP_PORT = 8080;

  /**
   * The address the HTTP server binds to ({@code KAIROS_HTTP_HOST}): all interfaces by default, as
   * a server behind a proxy or in a container needs; {@code 127.0.0.1} keeps it on this machine.
   */
  public String httpHost() {
    String host = environment.get("KAIROS_HTTP_HOST");
    return host == null || host.isBlank() ? "0.0.0.0" : host.trim();
  }

  /** The default of {@link #applyLinger()}. */
  public static final Duration DEFAULT_APPLY_LINGER = Duration.ofMillis(200);

  /**
   * How long the event processor may wait for more events to apply them together ({@code
   * KAIROS_APPLY_LINGER_MS}, 0 to 10,000 ms; 200 by default): the longest a profile lags behind an
   * acknowledged event when nobody asks for it (a request to the management API never waits for
   * it). Larger groups cost the database less per event; 0 applies every append at once.
   */
  public Duration applyLinger() {
    String value = environment.get("KAIROS_APPLY_LINGER_MS");
    if (value == null || value.isBlank()) {
      return DEFAULT_APPLY_LINGER;
    }
    try {
      int millis = Integer.parseInt(value.trim());
      if (millis < 0 || millis > 10_000) {
        throw new ConfigurationException(
            "KAIROS_APPLY_LINGER_MS must be between 0 and 10000 (milliseconds): " + value);
      }
      return Duration.ofMillis(millis);
    } catch (NumberFormatException e) {
      throw new ConfigurationException(
          "KAIROS_APPLY_LINGER_MS is not a number of milliseconds: " + value);
    }
  }

  public static KairosConfig fromEnvironment() {
    return from(System.getenv());
  }

  public static KairosConfig from(Map<String, String> env) {
    KairosConfig config =
        new KairosConfig(
            port(env.get("KAIROS_HTTP_PORT")),
            Optional.ofNullable(blankToNull(env.get("KAIROS_HOME")))
                .map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".kairos")),
            optional(env, "KAIROS_DATABASE_URL"),
            optional(env, "KAIROS_DATABASE_USER"),
            optional(env, "KAIROS_DATABASE_PASSWORD"),
            optional(env, "KAIROS_WRITE_KEY"),
            optional(env, "KAIROS_ADMIN_TOKEN"),
            Optional.ofNullable(blankToNull(env.get("KAIROS_IDENTIFIER_KINDS"))).orElse(""),
            optional(env, "KAIROS_DEFAULT_COUNTRY"),
            env);
    config.applyLinger(); // a bad value stops the start before anything is started
    return config;
  }

  public KairosConfig withHttpPort(int port) {
    return new KairosConfig(
        port,
        home,
        databaseUrl,
        databaseUser,
        databasePassword,
        writeKey,
        adminToken,
        identifierKinds,
        defaultCountry,
        environment);
  }

  private static int port(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_HTTP_PORT;
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port < 0 || port > 65535) {
        throw new ConfigurationException("KAIROS_HTTP_PORT must be between 0 and 65535: " + value);
      }
      return port;
    } catch (NumberFormatException e) {
      throw new ConfigurationException("KAIROS_HTTP_PORT is not a number: " + value);
    }
  }

  private static Optional<String> optional(Map<String, String> env, String name) {
    return Optional.ofNullable(blankToNull(env.get(name)));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
