package dev.kairos.platform;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The bootstrap credentials: the write key of the tracking API and the admin token of the
 * management API. Taken from the environment when set, otherwise generated on first start and kept
 * in {@code KAIROS_HOME/credentials.properties}.
 */
public record Credentials(String writeKey, String adminToken, boolean generated) {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Shorter write keys and admin tokens are refused at start (generated ones have 51). */
  public static final int MIN_LENGTH = 8;

  public static Credentials load(KairosConfig config) {
    Path file = config.home().resolve("credentials.properties");
    Properties stored = read(file);
    String writeKey =
        given(config, "KAIROS_WRITE_KEY").orElseGet(() -> stored(stored, "write_key", file));
    String adminToken =
        given(config, "KAIROS_ADMIN_TOKEN").orElseGet(() -> stored(stored, "admin_token", file));
    if (writeKey != null && writeKey.equals(adminToken)) {
      throw new ConfigurationException(
          "the write key and the admin token are the same: the write key is sent by browsers and"
              + " apps, so it must not open the management API");
    }
    boolean generated = false;
    if (writeKey == null) {
      writeKey = "wk_" + randomToken();
      stored.setProperty("write_key", writeKey);
      generated = true;
    }
    if (adminToken == null) {
      adminToken = "adm_" + randomToken();
      stored.setProperty("admin_token", adminToken);
      generated = true;
    }
    if (generated) {
      write(file, stored);
    }
    return new Credentials(writeKey, adminToken, generated);
  }

  /** The secret set in the environment, refused when set but empty or too short. */
  private static java.util.Optional<String> given(KairosConfig config, String variable) {
    String value = config.environment().get(variable);
    if (value == null) {
      return java.util.Optional.empty();
    }
    check(value.trim(), variable + " (environment)");
    return java.util.Optional.of(value.trim());
  }

  private static String stored(Properties stored, String name, Path file) {
    String value = stored.getProperty(name);
    if (value != null) {
      check(value.trim(), name + " in " + file);
    }
    return value == null ? null : value.trim();
  }

  private static void check(String secret, String where) {
    if (secret.isEmpty()) {
      throw new ConfigurationException(
          where
              + " is empty: unset it to have one generated, or give at least "
              + MIN_LENGTH
              + " characters");
    }
    if (secret.length() < MIN_LENGTH) {
      throw new ConfigurationException(
          where + " is too short: give at least " + MIN_LENGTH + " characters");
    }
  }

  /** Compares a presented secret with the expected one in constant time. */
  public static boolean matches(String presented, String expected) {
    if (presented == null) {
      return false;
    }
    return MessageDigest.isEqual(
        presented.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        expected.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "Credentials[secrets redacted]";
  }

  private static String randomToken() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static Properties read(Path file) {
    Properties properties = new Properties();
    if (Files.exists(file)) {
      try (Reader reader = Files.newBufferedReader(file)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new KairosException("cannot read " + file, e);
      }
    }
    return properties;
  }

  private static void write(Path file, Properties properties) {
    try {
      StringWriter text = new StringWriter();
      properties.store(text, "Kairos bootstrap credentials. Keep this file secret.");
      SecretFiles.write(file, text.toString());
    } catch (IOException e) {
      throw new KairosException("cannot write " + file, e);
    }
  }
}
