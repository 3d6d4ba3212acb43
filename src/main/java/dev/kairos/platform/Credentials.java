package dev.kairos.platform;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

  public static Credentials load(KairosConfig config) {
    Path file = config.home().resolve("credentials.properties");
    Properties stored = read(file);
    String writeKey = config.writeKey().orElse(stored.getProperty("write_key"));
    String adminToken = config.adminToken().orElse(stored.getProperty("admin_token"));
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
      Files.createDirectories(file.getParent());
      try (Writer writer = Files.newBufferedWriter(file)) {
        properties.store(writer, "Kairos bootstrap credentials. Keep this file secret.");
      }
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system
      }
    } catch (IOException e) {
      throw new KairosException("cannot write " + file, e);
    }
  }
}
