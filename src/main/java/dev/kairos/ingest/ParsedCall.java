package dev.kairos.ingest;

import java.util.List;
import java.util.Optional;

/** A tracking API call after parsing: accepted events and rejected ones, or refused as a whole. */
public sealed interface ParsedCall {

  /** The write key sent in the body, if any. */
  Optional<String> writeKey();

  /**
   * Events that passed validation, and the rejections of the others (in a batch, the good events
   * are kept, as Segment does).
   */
  record Events(Optional<String> writeKey, List<TrackedEvent> events, List<Rejection> rejections)
      implements ParsedCall {}

  /**
   * The whole call is unusable: invalid JSON, too large, too many events, or its only event bad.
   */
  record Refused(Optional<String> writeKey, Rejection reason) implements ParsedCall {}
}
