package dev.kairos.segment.schedule;

import dev.kairos.segment.MembershipChange;
import dev.kairos.segment.SegmentCatalog;
import dev.kairos.segment.store.RecomputeStore;
import dev.kairos.segment.store.Reevaluation;
import dev.kairos.segment.store.SqlRecompute;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recomputes a segment's members in the background after it is created or edited (or its thresholds
 * moved): every live profile is evaluated again, a batch per transaction, with the progress stored
 * for the API. Members who stay are left as they are; those who no longer meet the condition exit
 * and those who now do enter. Any node may run a queued recompute, none twice.
 */
public final class RecomputeWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RecomputeWorker.class);

  /**
   * People per transaction of an in-memory recompute: each holds its people's locks, which the
   * real-time evaluation of the same people waits for, so batches are kept short.
   */
  static final int BATCH = 100;

  private final RecomputeStore recomputes;
  private final Reevaluation reevaluation;
  private final SqlRecompute sql;
  private final SegmentCatalog catalog;
  private final Clock clock;
  private final Consumer<List<MembershipChange>> changed;
  private Thread thread;
  private volatile boolean closing;
  private boolean woken;

  public RecomputeWorker(
      RecomputeStore recomputes,
      Reevaluation reevaluation,
      SqlRecompute sql,
      SegmentCatalog catalog,
      Clock clock,
      Consumer<List<MembershipChange>> changed) {
    this.recomputes = recomputes;
    this.reevaluation = reevaluation;
    this.sql = sql;
    this.catalog = catalog;
    this.clock = clock;
    this.changed = changed;
  }

  public RecomputeWorker start() {
    recomputes.requeueInterrupted();
    thread = new Thread(this::run, "kairos-segment-recompute");
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  /** A recompute was queued (a hint; the worker also looks every second). */
  public synchronized void wake() {
    woken = true;
    notifyAll();
  }

  private void run() {
    while (!closing) {
      try {
        Optional<RecomputeStore.Recompute> next = recomputes.claim(clock.instant());
        if (next.isPresent()) {
          recompute(next.get());
          continue;
        }
      } catch (RuntimeException e) {
        LOG.warn("claiming a segment recompute failed; trying again", e);
      }
      synchronized (this) {
        try {
          if (!woken && !closing) {
            wait(1_000);
          }
          woken = false;
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private void recompute(RecomputeStore.Recompute recompute) {
    Optional<SegmentCatalog.Active> segment = catalog.reload().find(recompute.segmentKey());
    if (segment.isEmpty()) {
      recomputes.finish(recompute.id(), clock.instant(), null);
      return;
    }
    int total = recomputes.liveProfiles();
    if (sql.handles(segment.get(), clock.instant())) {
      bySql(recompute, segment.get(), total);
      return;
    }
    int done = 0;
    int entered = 0;
    int exited = 0;
    try {
      UUID after = null;
      while (!closing) {
        List<UUID> ids = recomputes.liveProfiles(after, BATCH);
        if (ids.isEmpty()) {
          break;
        }
        int[] counts = evaluate(segment.get(), ids);
        entered += counts[0];
        exited += counts[1];
        done += ids.size();
        after = ids.get(ids.size() - 1);
        recomputes.progress(recompute.id(), Math.max(total, done), done, entered, exited);
      }
      int[] counts = evaluate(segment.get(), recomputes.departedMembers(segment.get().key()));
      recomputes.progress(
          recompute.id(), Math.max(total, done), done, entered + counts[0], exited + counts[1]);
      recomputes.finish(recompute.id(), clock.instant(), closing ? "interrupted" : null);
    } catch (RuntimeException e) {
      LOG.error("recomputing segment {} failed", recompute.segmentKey(), e);
      recomputes.finish(recompute.id(), clock.instant(), String.valueOf(e.getMessage()));
    }
  }

  /**
   * A segment only events can change, or whose deadlines SQL computes: the SQL evaluator recomputes
   * it as set operations in one transaction (decision 0023).
   */
  private void bySql(RecomputeStore.Recompute recompute, SegmentCatalog.Active segment, int total) {
    try {
      List<MembershipChange> changes = sql.recompute(segment, clock.instant());
      int entered = 0;
      for (MembershipChange change : changes) {
        entered += change.kind() == MembershipChange.Kind.ENTERED ? 1 : 0;
      }
      recomputes.progress(recompute.id(), total, total, entered, changes.size() - entered);
      recomputes.finish(recompute.id(), clock.instant(), null);
      if (!changes.isEmpty()) {
        changed.accept(changes);
      }
    } catch (RuntimeException e) {
      LOG.error("recomputing segment {} failed", recompute.segmentKey(), e);
      recomputes.finish(recompute.id(), clock.instant(), String.valueOf(e.getMessage()));
    }
  }

  /** Evaluates the people for the segment; returns {entered, exited}. */
  private int[] evaluate(SegmentCatalog.Active segment, List<UUID> ids) {
    if (ids.isEmpty()) {
      return new int[2];
    }
    Map<UUID, List<SegmentCatalog.Active>> work = new LinkedHashMap<>();
    for (UUID id : ids) {
      work.put(id, new ArrayList<>(List.of(segment)));
    }
    List<MembershipChange> changes =
        reevaluation.run(work, clock.instant(), MembershipChange.Cause.RECOMPUTE, -1);
    int entered = 0;
    for (MembershipChange change : changes) {
      if (change.kind() == MembershipChange.Kind.ENTERED) {
        entered++;
      }
    }
    if (!changes.isEmpty()) {
      changed.accept(changes);
    }
    return new int[] {entered, changes.size() - entered};
  }

  @Override
  public void close() {
    closing = true;
    wake();
    if (thread != null) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
