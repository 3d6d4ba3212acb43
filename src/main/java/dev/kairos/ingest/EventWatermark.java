package dev.kairos.ingest;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How far this node has appended events to the log and how far they have been applied (identity,
 * profiles, commerce). Readers that must see what was acknowledged before them wait here for the
 * processor; the appender waits here when the processor falls too far behind (back-pressure).
 */
public final class EventWatermark {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition progressed = lock.newCondition();
  private final AtomicInteger readers = new AtomicInteger();
  private volatile Runnable readerArrived = () -> {};
  private long appended;
  private long applied;

  /**
   * Runs {@code hook} whenever a reader starts waiting for events to be applied (the processor,
   * which may be waiting for more events to apply together, applies what it has at once).
   */
  public void whenReaderWaits(Runnable hook) {
    readerArrived = hook;
  }

  /** Whether someone is waiting for events to be applied. */
  public boolean readersWaiting() {
    return readers.get() > 0;
  }

  /** Events up to {@code seq} are durably in the log. */
  public void markAppended(long seq) {
    lock.lock();
    try {
      if (seq > appended) {
        appended = seq;
        progressed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Events up to {@code seq} are applied (or past: another node applied them). */
  public void markApplied(long seq) {
    lock.lock();
    try {
      if (seq > applied) {
        applied = seq;
        progressed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  public long appended() {
    lock.lock();
    try {
      return appended;
    } finally {
      lock.unlock();
    }
  }

  /** Events appended on this node but not applied yet. */
  public long lag() {
    lock.lock();
    try {
      return Math.max(0, appended - applied);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until every event appended on this node before the call is applied; {@code false} when
   * {@code timeout} passed first.
   */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return awaitApplied(appended(), timeout);
  }

  /** Waits until events up to {@code seq} are applied; {@code false} when the timeout passed. */
  public boolean awaitApplied(long seq, Duration timeout) throws InterruptedException {
    lock.lock();
    try {
      if (applied >= seq) {
        return true;
      }
    } finally {
      lock.unlock();
    }
    long left = timeout.toNanos();
    readers.incrementAndGet();
    try {
      readerArrived.run(); // not under the lock: the hook takes the processor's
      lock.lock();
      try {
        while (applied < seq) {
          if (left <= 0) {
            return false;
          }
          left = progressed.awaitNanos(left);
        }
        return true;
      } finally {
        lock.unlock();
      }
    } finally {
      readers.decrementAndGet();
    }
  }

  /**
   * Waits while more than {@code maxLag} appended events are not applied yet, so that a burst the
   * processor cannot follow slows ingest down instead of growing the backlog without bound.
   */
  public void awaitRoom(long maxLag, Duration timeout) throws InterruptedException {
    long left = timeout.toNanos();
    lock.lock();
    try {
      while (appended - applied > maxLag && left > 0) {
        left = progressed.awaitNanos(left);
      }
    } finally {
      lock.unlock();
    }
  }
}
