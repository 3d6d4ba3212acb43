package dev.kairos.ingest;

import java.util.List;

/**
 * Where accepted events go: one call durably stores a group of events in one transaction, skipping
 * events whose {@code messageId} is already stored.
 *
 * @param <P> an event with what can be worked out from it alone (its log row, identifiers, order
 *     facts), so that this work is spread over the request threads instead of holding up the one
 *     writer
 */
public interface EventSink<P> {
  /** The part of storing an event that needs no lock and no connection; runs on the caller. */
  P prepare(TrackedEvent event);

  /** Returns, for each event in order, whether it was stored ({@code false}: a duplicate). */
  boolean[] store(List<P> events);
}
