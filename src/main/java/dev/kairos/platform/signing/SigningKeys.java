package dev.kairos.platform.signing;

import dev.kairos.platform.ConfigurationException;
import dev.kairos.platform.db.Database;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;

/**
 * Where the signing key comes from: {@code KAIROS_SIGNING_KEY} when set (at least 32 characters),
 * otherwise one generated on first start and kept in the database, so every node sharing the
 * database signs and verifies the same links.
 */
public final class SigningKeys {
  public static final String VARIABLE = "KAIROS_SIGNING_KEY";
  private static final int MIN_LENGTH = 32;

  private SigningKeys() {}

  /** Checks the environment's key without touching anything (configuration is checked first). */
  public static void check(Map<String, String> env) {
    String given = env.get(VARIABLE);
    if (given != null && given.trim().length() < MIN_LENGTH) {
      throw new ConfigurationException(
          VARIABLE
              + " is shorter than "
              + MIN_LENGTH
              + " characters: unset it to have one generated and kept in the database");
    }
  }

  public static Signer load(Map<String, String> env, Database database, Clock clock) {
    check(env);
    String given = env.get(VARIABLE);
    if (given != null) {
      return new Signer(given.trim().getBytes(StandardCharsets.UTF_8));
    }
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    byte[] key =
        database.inTransaction(
            c -> {
              try (var insert =
                  c.prepareStatement(
                      "insert into signing_keys (name, secret, created_at) values ('links', ?, ?)"
                          + " on conflict (name) do nothing")) {
                insert.setBytes(1, fresh);
                insert.setTimestamp(2, java.sql.Timestamp.from(clock.instant()));
                insert.executeUpdate();
              }
              try (var select =
                      c.prepareStatement("select secret from signing_keys where name = 'links'");
                  var rs = select.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
              }
            });
    return new Signer(key);
  }
}
