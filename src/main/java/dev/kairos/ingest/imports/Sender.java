package dev.kairos.ingest.imports;

import dev.kairos.ingest.CallParser;
import dev.kairos.ingest.Rejection;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Packs calls into batches within the tracking API's limits (500 KB, 2,500 calls) and keeps a few
 * batches in flight at once, so reading the file overlaps with storing.
 */
final class Sender {
  static final int MAX_BATCH_BYTES = CallParser.MAX_BATCH_BYTES - 1024;
  static final int MAX_BATCH_EVENTS = CallParser.MAX_BATCH_EVENTS;
  private static final byte[] OPEN = "{\"batch\":[".getBytes();
  private static final byte[] CLOSE = "]}".getBytes();

  private final BatchTransport transport;
  private final int maxInFlight;
  private final Semaphore inFlight;
  private final Tally tally;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final List<ImportEvent> batch = new ArrayList<>();
  private int bytes = OPEN.length + CLOSE.length;

  Sender(BatchTransport transport, int maxInFlight, Tally tally) {
    this.transport = transport;
    this.maxInFlight = maxInFlight;
    this.inFlight = new Semaphore(maxInFlight);
    this.tally = tally;
  }

  void add(ImportEvent event) {
    checkFailure();
    if (!batch.isEmpty()
        && (bytes + event.json().length + 1 > MAX_BATCH_BYTES
            || batch.size() >= MAX_BATCH_EVENTS)) {
      flush();
    }
    batch.add(event);
    bytes += event.json().length + 1;
  }

  /** Sends what is gathered (waiting for a free slot when enough batches are in flight). */
  void flush() {
    if (batch.isEmpty()) {
      return;
    }
    List<ImportEvent> events = new ArrayList<>(batch);
    byte[] body = body(events, bytes);
    batch.clear();
    bytes = OPEN.length + CLOSE.length;
    acquire(1);
    tally.sent(events.size());
    try {
      transport
          .send(body)
          .whenComplete(
              (outcome, error) -> {
                try {
                  if (error != null) {
                    failure.compareAndSet(null, unwrap(error));
                  } else {
                    answered(events, outcome);
                  }
                } finally {
                  inFlight.release();
                }
              });
    } catch (RuntimeException e) {
      inFlight.release();
      failure.compareAndSet(null, e);
    }
    checkFailure();
  }

  /** Sends the rest and waits until every batch is answered. */
  void drain() {
    flush();
    acquire(maxInFlight);
    inFlight.release(maxInFlight);
    checkFailure();
  }

  private void answered(List<ImportEvent> events, BatchTransport.Outcome outcome) {
    tally.answered(outcome);
    for (Rejection rejection : outcome.rejected()) {
      int index = rejection.index() == null ? 0 : rejection.index();
      long line = index < events.size() ? events.get(index).line() : 0;
      String field = rejection.field() == null ? "" : " (" + rejection.field() + ")";
      tally.rejected(line, rejection.message() + field);
    }
  }

  private void acquire(int permits) {
    try {
      inFlight.acquire(permits);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImportProblem(null, "the import was interrupted");
    }
  }

  private void checkFailure() {
    Throwable error = failure.get();
    if (error instanceof ImportProblem problem) {
      throw problem;
    }
    if (error != null) {
      throw new ImportProblem(null, "sending a batch failed: " + error.getMessage());
    }
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }

  private static byte[] body(List<ImportEvent> events, int size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    out.writeBytes(OPEN);
    for (int i = 0; i < events.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(events.get(i).json());
    }
    out.writeBytes(CLOSE);
    return out.toByteArray();
  }
}
