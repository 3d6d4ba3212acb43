package dev.kairos.journey;

import java.time.Instant;
import java.util.UUID;

/** One entry of the segments' durable, ordered feed of membership changes. */
public record MembershipChange(
    long seq, UUID profileId, String segmentKey, Change change, Instant at) {
  public enum Change {
    ENTERED,
    EXITED
  }
}
