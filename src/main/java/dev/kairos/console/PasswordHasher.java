package dev.kairos.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (Bouncy Castle), kept in the PHC string format {@code
 * $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} so a hash made with other parameters still verifies
 * after the defaults change.
 *
 * @param memoryKib memory per hash; the default 19 MiB with 2 passes is OWASP's recommended minimum
 */
public record PasswordHasher(int memoryKib, int iterations, int parallelism) {
  /** OWASP's Argon2id baseline: 19 MiB, 2 iterations, 1 lane. */
  public static final PasswordHasher DEFAULT = new PasswordHasher(19_456, 2, 1);

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getDecoder();

  public String hash(String password) {
    byte[] salt = Secrets.randomBytes(SALT_BYTES);
    byte[] hash = derive(password, salt, memoryKib, iterations, parallelism, HASH_BYTES);
    return "$argon2id$v=19$m="
        + memoryKib
        + ",t="
        + iterations
        + ",p="
        + parallelism
        + "$"
        + ENCODER.encodeToString(salt)
        + "$"
        + ENCODER.encodeToString(hash);
  }

  /**
   * Whether {@code password} is the one {@code stored} was made from; false for a malformed hash.
   */
  public boolean verify(String password, String stored) {
    Optional<Encoded> encoded = Encoded.parse(stored);
    if (encoded.isEmpty()) {
      return false;
    }
    Encoded e = encoded.get();
    byte[] actual =
        derive(password, e.salt(), e.memoryKib(), e.iterations(), e.lanes(), e.hash().length);
    return MessageDigest.isEqual(actual, e.hash());
  }

  /** Whether a stored hash was made with weaker parameters than these (rehash at next sign-in). */
  public boolean outdated(String stored) {
    return Encoded.parse(stored)
        .map(e -> e.memoryKib() < memoryKib || e.iterations() < iterations)
        .orElse(true);
  }

  private static byte[] derive(
      String password, byte[] salt, int memoryKib, int iterations, int lanes, int length) {
    Argon2Parameters parameters =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withSalt(salt)
            .withMemoryAsKB(memoryKib)
            .withIterations(iterations)
            .withParallelism(lanes)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] out = new byte[length];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }

  private record Encoded(int memoryKib, int iterations, int lanes, byte[] salt, byte[] hash) {
    static Optional<Encoded> parse(String stored) {
      if (stored == null) {
        return Optional.empty();
      }
      String[] parts = stored.split("\\$");
      // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
      if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
        return Optional.empty();
      }
      try {
        int m = 0;
        int t = 0;
        int p = 0;
        for (String setting : parts[3].split(",")) {
          int value = Integer.parseInt(setting.substring(2));
          switch (setting.substring(0, 2)) {
            case "m=" -> m = value;
            case "t=" -> t = value;
            case "p=" -> p = value;
            default -> {
              return Optional.empty();
            }
          }
        }
        if (m < 8 || t < 1 || p < 1 || m > 4_194_304 || t > 100 || p > 64) {
          return Optional.empty();
        }
        return Optional.of(
            new Encoded(m, t, p, DECODER.decode(parts[4]), DECODER.decode(parts[5])));
      } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
        return Optional.empty();
      }
    }
  }
}
