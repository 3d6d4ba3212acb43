package dev.kairos.ingest;

import java.util.List;

/**
 * Events just committed to the log, numbered {@code firstSeq}, {@code firstSeq + 1} …, each with
 * what the processor worked out from it on the request thread.
 */
public record Appended<X>(long firstSeq, List<X> events) {
  public long lastSeq() {
    return firstSeq + events.size() - 1;
  }
}
