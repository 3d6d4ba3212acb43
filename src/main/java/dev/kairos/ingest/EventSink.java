package dev.kairos.ingest;

import java.util.List;

/**
 * Where accepted events go: one call durably stores (and applies) a group of events in one
 * transaction, skipping events whose {@code messageId} is already stored. Implemented downstream.
 */
@FunctionalInterface
public interface EventSink {
  /** Returns, for each event in order, whether it was stored ({@code false}: a duplicate). */
  boolean[] store(List<TrackedEvent> events);
}
