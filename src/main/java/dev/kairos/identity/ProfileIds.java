package dev.kairos.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * New profile ids: UUID version 7 (RFC 9562), time-ordered, so the older of two profiles has the
 * smaller id and ids index well.
 */
public final class ProfileIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Clock clock;

  public ProfileIds(Clock clock) {
    this.clock = clock;
  }

  public UUID next() {
    long millis = clock.millis();
    long randA = RANDOM.nextInt(1 << 12);
    long msb = (millis << 16) | (0x7L << 12) | randA;
    long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  /** True when {@code a} was created before {@code b} (v7 ids compare by creation time). */
  public static boolean older(UUID a, UUID b) {
    return a.compareTo(b) < 0;
  }
}
