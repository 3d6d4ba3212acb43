package dev.kairos.segment;

import java.time.Instant;
import java.util.UUID;

/**
 * One change of who is in a segment, as the feed ({@code segment_changes}) offers it to consumers
 * (the timeline relay, journeys) in {@code seq} order.
 */
public record MembershipChange(
    long seq,
    String segmentKey,
    String segmentName,
    UUID profileId,
    Kind kind,
    Instant changedAt,
    Cause cause) {

  public enum Kind {
    ENTERED("Segment Entered"),
    EXITED("Segment Exited");

    private final String event;

    Kind(String event) {
      this.event = event;
    }

    /** The timeline event this change becomes. */
    public String event() {
      return event;
    }

    public String value() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** What made the membership change. */
  public enum Cause {
    EVENT,
    DEADLINE,
    RECOMPUTE;

    public String value() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
