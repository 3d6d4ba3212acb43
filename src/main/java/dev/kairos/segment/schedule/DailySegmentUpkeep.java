package dev.kairos.segment.schedule;

import dev.kairos.segment.BuiltInSegments;
import dev.kairos.segment.SegmentCatalog;
import dev.kairos.segment.Segments;
import dev.kairos.segment.condition.ProfileField;
import dev.kairos.segment.store.SizeStore;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
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

  /** Profile fields the profile scores' recompute writes without an event. */
  static final Set<ProfileField> SCORES =
      EnumSet.of(
          ProfileField.RFM_CELL,
          ProfileField.RFM_RECENCY,
          ProfileField.RFM_FREQUENCY,
          ProfileField.RFM_MONETARY,
          ProfileField.LIFECYCLE_STAGE,
          ProfileField.P_ALIVE,
          ProfileField.CHURN_RISK,
          ProfileField.PREDICTED_CLV,
          ProfileField.EXPECTED_ORDERS_90D,
          ProfileField.BEST_SEND_HOUR);

  private final BuiltInSegments builtIns;
  private final Segments segments;
  private final SegmentCatalog catalog;
  private final SizeStore sizes;
  private final Clock clock;
  private final ZoneId zone;
  private Thread thread;
  private volatile boolean closing;
  private LocalDate refreshed;
  private long scoreRun = -1;

  public DailySegmentUpkeep(
      BuiltInSegments builtIns,
      Segments segments,
      SegmentCatalog catalog,
      SizeStore sizes,
      Clock clock,
      ZoneId zone) {
    this.builtIns = builtIns;
    this.segments = segments;
    this.catalog = catalog;
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

  /**
   * Does the day's upkeep where it is not done yet: the thresholds once a day on this node (and
   * when it starts), the sizes once a day for every segment.
   */
  public synchronized void lookOnce() {
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
    if (!today.equals(refreshed)) {
      builtIns.refreshThresholds();
      refreshed = today;
    }
    if (sizes.missing(today)) {
      sizes.record(today);
    }
    long run = sizes.latestScoreRun();
    if (scoreRun >= 0 && run != scoreRun) {
      recomputeScoreSegments();
    }
    scoreRun = run;
  }

  /** The profile scores were recomputed: segments reading them are recomputed too. */
  private void recomputeScoreSegments() {
    builtIns.refreshThresholds();
    for (SegmentCatalog.Active active : catalog.refresh().all()) {
      if (!java.util.Collections.disjoint(active.reads().fields(), SCORES)) {
        segments.recompute(active.segment());
      }
    }
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
