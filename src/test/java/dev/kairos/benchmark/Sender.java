package dev.kairos.benchmark;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One sender thread of a phase: posts its stream's batches on its own keep-alive connection, one at
 * a time (so a person's events arrive in order), paced closed or open loop, and tallies what the
 * measured period saw. Closed loop: a latency runs from the send to the end of the answer, and
 * counts if both fall in the measured period. Open loop: batch {@code k} is due at its slot; a
 * sender still busy with an earlier batch sends it as soon as it can; the latency runs from the
 * slot, and counts if the slot falls in the measured period. Batches scheduled in the measured
 * period but not yet sent when it ends are counted as unsent.
 */
final class Sender implements Runnable {
  private final int index;
  private final int senders;
  private final int batchSize;
  private final Pacing pacing;
  private final Window window;
  private final SenderBatches batches;
  private final HttpConnection.Target target;
  private final AtomicLong eventBudget;
  private final Tally tally = new Tally();

  /** The phase's clock: it starts, is measured from {@code measureFrom} to {@code measureTo}. */
  record Window(long start, long measureFrom, long measureTo) {
    boolean contains(long nanoTime) {
      return nanoTime >= measureFrom && nanoTime < measureTo;
    }
  }

  Sender(
      int index,
      int senders,
      int batchSize,
      Pacing pacing,
      Window window,
      SenderBatches batches,
      HttpConnection.Target target,
      AtomicLong eventBudget) {
    this.index = index;
    this.senders = senders;
    this.batchSize = batchSize;
    this.pacing = pacing;
    this.window = window;
    this.batches = batches;
    this.target = target;
    this.eventBudget = eventBudget;
  }

  Tally tally() {
    return tally;
  }

  @Override
  public void run() {
    try (HttpConnection connection = new HttpConnection(target)) {
      if (pacing instanceof Pacing.Open open) {
        openLoop(connection, open);
      } else {
        closedLoop(connection);
      }
      tally.connects = connection.connects();
    }
  }

  private void closedLoop(HttpConnection connection) {
    while (System.nanoTime() < window.measureTo() && withinBudget()) {
      SenderBatches.Request request = batches.next(window.measureFrom(), window.measureTo());
      long sent = System.nanoTime();
      boolean ok = post(connection, request, sent);
      long done = System.nanoTime();
      if (ok && sent >= window.measureFrom() && done <= window.measureTo()) {
        tally.latencies.add(done - sent);
        tally.accepted(request);
      }
    }
  }

  private void openLoop(HttpConnection connection, Pacing.Open open) {
    for (long k = 0; ; k++) {
      long slot = open.slot(window.start(), index, senders, batchSize, k);
      if (slot >= window.measureTo()) {
        return;
      }
      long now = waitUntil(slot);
      if (now >= window.measureTo()) {
        tally.unsent += countUnsent(open, k);
        return;
      }
      if (!withinBudget()) {
        return;
      }
      SenderBatches.Request request = batches.next(window.measureFrom(), window.measureTo());
      long sent = System.nanoTime();
      boolean ok = post(connection, request, slot);
      long done = System.nanoTime();
      if (ok && window.contains(slot)) {
        tally.latencies.add(done - slot);
        tally.responseTimes.add(done - sent);
        tally.sendDelays.add(sent - slot);
      }
      if (ok && window.contains(done)) {
        tally.accepted(request);
      }
    }
  }

  /** Batches {@code k, k+1, …} whose slots fall in the measured period, never sent. */
  private long countUnsent(Pacing.Open open, long k) {
    long unsent = 0;
    for (long i = k; ; i++) {
      long slot = open.slot(window.start(), index, senders, batchSize, i);
      if (slot >= window.measureTo()) {
        return unsent;
      }
      if (slot >= window.measureFrom()) {
        unsent++;
      }
    }
  }

  /**
   * Posts a request; on a non-2xx answer or an I/O error tallies the error (in the measured period
   * if {@code due}, the send or its slot, falls in it) and answers false.
   */
  private boolean post(HttpConnection connection, SenderBatches.Request request, long due) {
    tally.batchesSent++;
    if (window.contains(System.nanoTime())) {
      tally.batchesSentInPeriod++;
    }
    tally.bytesSent += request.bodyBytes();
    String failure;
    try {
      HttpConnection.Response response = connection.exchange(request.bytes());
      if (response.successful()) {
        return true;
      }
      failure = response.status() + " " + response.body();
    } catch (IOException | RuntimeException e) {
      failure = e.toString();
    }
    tally.error(failure, window.contains(due));
    return false;
  }

  private boolean withinBudget() {
    return eventBudget.addAndGet(-batchSize) >= 0;
  }

  /** Parks until {@code nanoTime} (at once if it has passed) and answers the time then. */
  private static long waitUntil(long nanoTime) {
    long now;
    while ((now = System.nanoTime()) < nanoTime) {
      LockSupport.parkNanos(nanoTime - now);
    }
    return now;
  }
}
