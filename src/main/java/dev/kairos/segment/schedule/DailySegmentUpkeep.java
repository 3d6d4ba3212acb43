package dev.kairos.segment.schedule;

import dev.kairos.segment.BuiltInSegments;
import dev.kairos.segment.store.SizeStore;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once a day (the first look on a new day, in the workspace's time zone, on whichever node looks
 * first; a second node's look the same day changes nothing): moves the built-ins' thresholds to the
 * shop's figures, then records every segment's size for the day's chart point. It looks every
 * {@link #LOOK}; recording again the same day keeps the newer count.
 */
public final class DailySegmentUpkeep implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DailySegmentUpkeep.class);
  static final Duration LOOK = Duration.ofSeconds(30);

  private final BuiltInSegments builtIns;
  private final SizeStore sizes;
  private final Clock clock;
  private final ZoneId zone;
  private Thread thread;
  private volatile boolean closing;

  public DailySegmentUpkeep(BuiltInSegments builtIns, SizeStore sizes, Clock clock, ZoneId zone) {
    this.builtIns = builtIns;
    this.sizes = sizes;
    this.clock = clock;
    this.zone = zone;
  }

  public DailySegmentUpkeep start() {
    thread = new Thread(this::run, "kairos-segment-daily");
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  /** Does the day's upkeep if it is not done yet; true when it did. */
  public boolean lookOnce() {
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
    if (!sizes.missing(today)) {
      return false;
    }
    builtIns.refreshThresholds();
    sizes.record(today);
    return true;
  }

  private void run() {
    while (!closing) {
      try {
        lookOnce();
      } catch (RuntimeException e) {
        LOG.warn("the daily segment upkeep failed; trying again later", e);
      }
      synchronized (this) {
        try {
          if (!closing) {
            wait(LOOK.toMillis());
          }
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    closing = true;
    synchronized (this) {
      notifyAll();
    }
    if (thread != null) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
