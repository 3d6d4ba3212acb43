package dev.kairos.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * New profile ids: UUID version 7 (RFC 9562), time-ordered, so the older of two profiles has the
 * smaller id and ids index well.
 *
 * <p>Ids from one generator are strictly increasing even within a millisecond or when the clock
 * steps back: the 12 bits after the version hold a counter (RFC 9562 §6.2, method 1) that restarts
 * at a random value below 2048 each new millisecond; when it runs out the timestamp moves on by
 * one. "The oldest profile survives a merge" therefore never depends on chance.
 */
public final class ProfileIds {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int COUNTER_LIMIT = 1 << 12;

  private final Clock clock;
  private long lastMillis = Long.MIN_VALUE;
  private int counter;

  public ProfileIds(Clock clock) {
    this.clock = clock;
  }

  public synchronized UUID next() {
    long millis = clock.millis();
    if (millis > lastMillis) {
      lastMillis = millis;
      counter = RANDOM.nextInt(COUNTER_LIMIT / 2);
    } else if (++counter == COUNTER_LIMIT) {
      lastMillis++;
      counter = 0;
    }
    long msb = (lastMillis << 16) | (0x7L << 12) | counter;
    long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  /** True when {@code a} was created before {@code b} (v7 ids compare by creation time). */
  public static boolean older(UUID a, UUID b) {
    return a.compareTo(b) < 0;
  }
}
