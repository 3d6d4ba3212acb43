package dev.kairos.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: calls from many concurrent requests are gathered while the previous group is being
 * written, and stored together in one transaction. A call's future completes only after its events
 * are committed, so a 2xx still means durable.
 */
public final class GroupCommit implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

  private record Pending(List<TrackedEvent> events, CompletableFuture<Receipt> done) {}

  private final EventSink sink;
  private final int maxGroupEvents;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean closing;

  public GroupCommit(EventSink sink, int maxGroupEvents) {
    this.sink = sink;
    this.maxGroupEvents = maxGroupEvents;
    this.writer = new Thread(this::writeLoop, "kairos-group-commit");
    this.writer.setDaemon(true);
    this.writer.start();
  }

  /** Queues the events; the future completes when they are committed (or fails with the cause). */
  public CompletableFuture<Receipt> submit(List<TrackedEvent> events) {
    CompletableFuture<Receipt> done = new CompletableFuture<>();
    if (events.isEmpty()) {
      done.complete(Receipt.NONE);
      return done;
    }
    if (closing) {
      done.completeExceptionally(new IllegalStateException("the server is shutting down"));
      return done;
    }
    queue.add(new Pending(events, done));
    return done;
  }

  private void writeLoop() {
    List<Pending> group = new ArrayList<>();
    while (!(closing && queue.isEmpty())) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        int count = first.events().size();
        Pending next;
        while (count < maxGroupEvents && (next = queue.peek()) != null) {
          if (count + next.events().size() > maxGroupEvents && count > 0) {
            break;
          }
          group.add(queue.poll());
          count += next.events().size();
        }
        write(group, count);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        group.clear();
      }
    }
  }

  private void write(List<Pending> group, int count) {
    List<TrackedEvent> all = new ArrayList<>(count);
    for (Pending pending : group) {
      all.addAll(pending.events());
    }
    try {
      boolean[] stored = sink.store(all);
      int offset = 0;
      for (Pending pending : group) {
        int size = pending.events().size();
        int taken = 0;
        for (int i = offset; i < offset + size; i++) {
          taken += stored[i] ? 1 : 0;
        }
        pending.done().complete(new Receipt(taken, size - taken));
        offset += size;
      }
    } catch (RuntimeException e) {
      LOG.error("storing a group of {} events failed; the calls are answered with 500", count, e);
      for (Pending pending : group) {
        pending.done().completeExceptionally(e);
      }
    }
  }

  /** Takes no new calls, writes what is queued, then stops the writer. */
  @Override
  public void close() {
    closing = true;
    try {
      writer.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
