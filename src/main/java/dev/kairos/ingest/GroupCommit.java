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
public final class GroupCommit<P> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

  private record Pending<P>(List<P> events, CompletableFuture<Receipt> done) {}

  private final EventSink<P> sink;
  private final int maxGroupEvents;
  private final BlockingQueue<Pending<P>> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean closing;

  public GroupCommit(EventSink<P> sink, int maxGroupEvents) {
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
    List<P> prepared = new ArrayList<>(events.size());
    for (TrackedEvent event : events) {
      prepared.add(sink.prepare(event));
    }
    queue.add(new Pending<>(prepared, done));
    return done;
  }

  private void writeLoop() {
    List<Pending<P>> group = new ArrayList<>();
    while (!(closing && queue.isEmpty())) {
      try {
        Pending<P> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        int count = first.events().size();
        Pending<P> next;
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

  private void write(List<Pending<P>> group, int count) {
    List<P> all = new ArrayList<>(count);
    for (Pending<P> pending : group) {
      all.addAll(pending.events());
    }
    try {
      boolean[] stored = sink.store(all);
      int offset = 0;
      for (Pending<P> pending : group) {
        int size = pending.events().size();
        complete(pending, stored, offset);
        offset += size;
      }
    } catch (RuntimeException | Error e) {
      if (group.size() == 1) {
        LOG.error("storing a call of {} events failed; it is answered with 503", count, e);
        group.get(0).done().completeExceptionally(e);
        return;
      }
      // one call's events must not fail its neighbours: store each call on its own
      for (Pending<P> pending : group) {
        try {
          complete(pending, sink.store(pending.events()), 0);
        } catch (RuntimeException | Error single) {
          LOG.error(
              "storing a call of {} events failed; it is answered with 503",
              pending.events().size(),
              single);
          pending.done().completeExceptionally(single);
        }
      }
    }
  }

  private void complete(Pending<P> pending, boolean[] stored, int offset) {
    int size = pending.events().size();
    int taken = 0;
    for (int i = offset; i < offset + size; i++) {
      taken += stored[i] ? 1 : 0;
    }
    pending.done().complete(new Receipt(taken, size - taken));
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
