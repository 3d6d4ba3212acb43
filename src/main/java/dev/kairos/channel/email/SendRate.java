package dev.kairos.channel.email;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The most messages per second handed to one SMTP server (providers throttle, and a campaign sent
 * faster than they accept is half bounced). Each send reserves the next free slot, evenly spaced,
 * and waits for it; 0 per second means no limit.
 */
public final class SendRate {
  private final long spacingNanos;
  private final LongSupplier nanoTime;
  private long nextSlot;

  public SendRate(double perSecond, LongSupplier nanoTime) {
    this.spacingNanos = perSecond <= 0 ? 0 : Math.max(1, Math.round(1e9 / perSecond));
    this.nanoTime = nanoTime;
    this.nextSlot = nanoTime.getAsLong();
  }

  /** The time (as {@code nanoTime}) at which the caller may send: now or a later free slot. */
  public synchronized long reserve() {
    long now = nanoTime.getAsLong();
    if (spacingNanos == 0) {
      return now;
    }
    long slot = Math.max(now, nextSlot);
    nextSlot = slot + spacingNanos;
    return slot;
  }

  /** Waits until the reserved slot. */
  public void acquire() {
    long slot = reserve();
    long wait;
    while ((wait = slot - nanoTime.getAsLong()) > 0) {
      LockSupport.parkNanos(wait);
    }
  }
}
