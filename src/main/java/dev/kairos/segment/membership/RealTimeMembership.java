package dev.kairos.segment.membership;

import dev.kairos.profile.AppliedEvents;
import dev.kairos.segment.MembershipChange;
import dev.kairos.segment.SegmentCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps memberships current as events are applied: told of each committed group (on the event
 * processor's thread, so it only notes what changed), its own thread re-evaluates, for each person
 * the group touched, only the segments whose condition reads something the events changed, and
 * stores the outcome with the seq it is current to.
 */
public final class RealTimeMembership implements AppliedEvents.Listener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RealTimeMembership.class);

  /** The most people evaluated in one transaction. */
  static final int BATCH = 500;

  /** Stores verdicts (a transaction per batch); the port to the segment store. */
  public interface Store {
    List<MembershipChange> reevaluate(
        Map<UUID, List<SegmentCatalog.Active>> work, long evaluatedSeq);

    /** The people of the events after {@code seq} up to what is applied (a restart's catch-up). */
    Map<UUID, Long> peopleAfter(long seq);

    long evaluatedSeq();
  }

  private final SegmentCatalog catalog;
  private final Store store;
  private final Consumer<List<MembershipChange>> changed;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final Condition progressed = lock.newCondition();
  private Map<UUID, Touch> pending = new HashMap<>();
  private long pendingSeq = -1;
  private long evaluatedSeq;
  private Thread thread;
  private volatile boolean closing;

  public RealTimeMembership(
      SegmentCatalog catalog, Store store, Consumer<List<MembershipChange>> changed) {
    this.catalog = catalog;
    this.store = store;
    this.changed = changed;
  }

  public RealTimeMembership start() {
    evaluatedSeq = store.evaluatedSeq();
    thread = new Thread(this::run, "kairos-segment-membership");
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  @Override
  public void applied(AppliedEvents events) {
    Map<UUID, Touch> touches = new HashMap<>();
    for (AppliedEvents.Applied event : events.events()) {
      if (event.profileId() != null) { // (else applied to no one: scrubbed, or a deleted person's)
        touches.computeIfAbsent(event.profileId(), id -> new Touch()).add(event.facts());
      }
    }
    for (UUID id : events.created()) {
      touches.put(id, Touch.everything());
    }
    events
        .merges()
        .forEach(
            (merged, surviving) -> {
              touches.put(merged, Touch.everything());
              touches.put(surviving, Touch.everything());
            });
    long last =
        events.events().isEmpty() ? -1 : events.events().get(events.events().size() - 1).seq();
    note(touches, last);
  }

  private void note(Map<UUID, Touch> touches, long seq) {
    lock.lock();
    try {
      touches.forEach((id, touch) -> pending.computeIfAbsent(id, k -> new Touch()).add(touch));
      pendingSeq = Math.max(pendingSeq, seq);
      work.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until memberships are evaluated after every event up to {@code seq}; false when the
   * timeout passed first.
   */
  public boolean awaitEvaluated(long seq, Duration timeout) throws InterruptedException {
    long left = timeout.toNanos();
    lock.lock();
    try {
      while (evaluatedSeq < seq) {
        if (left <= 0) {
          return false;
        }
        left = progressed.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    catchUp();
    while (!closing) {
      Map<UUID, Touch> taken;
      long seq;
      lock.lock();
      try {
        // (a group applied to no one leaves nothing pending, but its events are evaluated too)
        while (pending.isEmpty() && pendingSeq <= evaluatedSeq && !closing) {
          work.await(1, TimeUnit.SECONDS);
        }
        taken = pending;
        seq = pendingSeq;
        pending = new HashMap<>();
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      evaluate(taken, seq);
    }
  }

  /** Re-evaluates everyone whose events were applied but not yet evaluated (after a restart). */
  private void catchUp() {
    try {
      Map<UUID, Long> people = store.peopleAfter(evaluatedSeq);
      if (people.isEmpty()) {
        return;
      }
      LOG.info(
          "re-evaluating the segments of {} people whose events arrived before a stop",
          people.size());
      Map<UUID, Touch> touches = new HashMap<>();
      long seq = evaluatedSeq;
      for (Map.Entry<UUID, Long> person : people.entrySet()) {
        touches.put(person.getKey(), Touch.everything());
        seq = Math.max(seq, person.getValue());
      }
      evaluate(touches, seq);
    } catch (RuntimeException e) {
      LOG.warn("re-evaluating after a restart failed; events from now on are evaluated", e);
    }
  }

  private void evaluate(Map<UUID, Touch> touches, long seq) {
    List<SegmentCatalog.Active> segments = catalog.all();
    Map<UUID, List<SegmentCatalog.Active>> batch = new LinkedHashMap<>();
    for (Map.Entry<UUID, Touch> entry : touches.entrySet()) {
      List<SegmentCatalog.Active> relevant = new ArrayList<>();
      for (SegmentCatalog.Active segment : segments) {
        if (entry.getValue().meets(segment.reads())) {
          relevant.add(segment);
        }
      }
      if (!relevant.isEmpty()) {
        batch.put(entry.getKey(), relevant);
      }
      if (batch.size() == BATCH) {
        store(batch, -1);
        batch = new LinkedHashMap<>();
      }
    }
    store(batch, seq);
    lock.lock();
    try {
      evaluatedSeq = Math.max(evaluatedSeq, seq);
      progressed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void store(Map<UUID, List<SegmentCatalog.Active>> batch, long seq) {
    for (int attempt = 1; ; attempt++) {
      try {
        List<MembershipChange> changes = store.reevaluate(batch, seq);
        if (!changes.isEmpty()) {
          changed.accept(changes);
        }
        return;
      } catch (RuntimeException e) {
        if (attempt >= 3 || closing) {
          LOG.error("re-evaluating segments of {} people failed; passing over", batch.size(), e);
          return;
        }
        LOG.warn("re-evaluating segments failed; trying again", e);
      }
    }
  }

  @Override
  public void close() {
    closing = true;
    lock.lock();
    try {
      work.signalAll();
    } finally {
      lock.unlock();
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
