package dev.kairos.segment.schedule;

import dev.kairos.platform.db.Database;
import dev.kairos.segment.MembershipChange;
import dev.kairos.segment.SegmentCatalog;
import dev.kairos.segment.store.DeadlineStore;
import dev.kairos.segment.store.Reevaluation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flips memberships on time: every {@link #POLL} it claims the deadlines that have passed (by the
 * injected clock) and re-evaluates exactly those people for exactly those segments, in the same
 * transaction, which also stores their next deadlines. Deadlines are rows, claimed with {@code FOR
 * UPDATE SKIP LOCKED}, so any node may take any of them, none twice, and a restart loses none.
 */
public final class DeadlineScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeadlineScheduler.class);
  static final Duration POLL = Duration.ofMillis(200);
  static final int CLAIM = 1_000;

  /** How long a node holds the deadlines it took before another node may take them again. */
  static final Duration LEASE = Duration.ofMinutes(1);

  private final Database database;
  private final DeadlineStore deadlines;
  private final Reevaluation reevaluation;
  private final SegmentCatalog catalog;
  private final Clock clock;
  private final Consumer<List<MembershipChange>> changed;
  private final AtomicLong flipped = new AtomicLong();
  private final AtomicLong evaluated = new AtomicLong();
  private final AtomicLong latenessMillis = new AtomicLong();
  private Thread thread;
  private volatile boolean closing;

  public DeadlineScheduler(
      Database database,
      DeadlineStore deadlines,
      Reevaluation reevaluation,
      SegmentCatalog catalog,
      Clock clock,
      Consumer<List<MembershipChange>> changed) {
    this.database = database;
    this.deadlines = deadlines;
    this.reevaluation = reevaluation;
    this.catalog = catalog;
    this.clock = clock;
    this.changed = changed;
  }

  public DeadlineScheduler start() {
    thread = new Thread(this::run, "kairos-segment-deadlines");
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  /** Deadlines re-evaluated, memberships they flipped, and the summed lateness, since start. */
  public record Tally(long evaluated, long flipped, long latenessMillis) {}

  public Tally tally() {
    return new Tally(evaluated.get(), flipped.get(), latenessMillis.get());
  }

  private void run() {
    while (!closing) {
      try {
        while (!closing && passDue() == CLAIM) {
          // a full claim: more may be due
        }
      } catch (RuntimeException e) {
        LOG.warn("re-evaluating passed segment deadlines failed; trying again", e);
      }
      pause();
    }
  }

  /** Claims and re-evaluates one batch of passed deadlines; returns how many it claimed. */
  int passDue() {
    catalog.refresh();
    Instant now = clock.instant();
    // two transactions: the lease (row locks only), then the evaluation, which takes the people's
    // locks before it touches their deadline rows, as the real-time path does (no lock cycle)
    List<DeadlineStore.Due> due =
        database.inTransaction(c -> deadlines.lease(c, now, now.plus(LEASE), CLAIM));
    if (due.isEmpty()) {
      return 0;
    }
    Map<UUID, List<SegmentCatalog.Active>> work = new LinkedHashMap<>();
    List<DeadlineStore.Due> orphans = new ArrayList<>();
    for (DeadlineStore.Due d : due) {
      Optional<SegmentCatalog.Active> segment = catalog.find(d.segmentKey());
      if (segment.isPresent()) {
        work.computeIfAbsent(d.profileId(), id -> new ArrayList<>()).add(segment.get());
      } else {
        orphans.add(d);
      }
      latenessMillis.addAndGet(Math.max(0, Duration.between(d.dueAt(), now).toMillis()));
    }
    List<MembershipChange> changes =
        database.inTransaction(
            c -> {
              for (DeadlineStore.Due orphan : orphans) {
                deadlines.forget(c, orphan.segmentKey(), orphan.profileId());
              }
              return reevaluation.run(c, work, now, MembershipChange.Cause.DEADLINE);
            });
    evaluated.addAndGet(due.size());
    flipped.addAndGet(changes.size());
    if (!changes.isEmpty()) {
      changed.accept(changes);
    }
    return due.size();
  }

  private void pause() {
    synchronized (this) {
      try {
        if (!closing) {
          wait(POLL.toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closing = true;
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
