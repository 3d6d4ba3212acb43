package dev.kairos.ingest.imports;

import dev.kairos.ingest.Rejection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where batches of calls go: the tracking API of a server ({@code POST /v1/import}) or, inside the
 * server, the parser and the group commit. A batch body is Segment's {@code {"batch": [...]}}.
 */
@FunctionalInterface
public interface BatchTransport {

  /** What the server did with a batch; rejection indexes are positions in the batch. */
  record Outcome(int stored, int duplicates, List<Rejection> rejected) {}

  /**
   * Sends one batch; the future fails with an {@link ImportProblem} when the whole import should
   * stop (the write key is refused, the server is gone).
   */
  CompletableFuture<Outcome> send(byte[] body);
}
