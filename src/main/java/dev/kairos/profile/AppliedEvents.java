package dev.kairos.profile;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A group of events the processor applied and committed, for contexts downstream (segments) to
 * react to what changed: each event with the profile it belongs to once the group is applied
 * (merges included), every profile the group changed, those it created, and each profile merged
 * away with the profile it now is part of.
 */
public record AppliedEvents(
    List<Applied> events, Set<UUID> profiles, Set<UUID> created, Map<UUID, UUID> merges) {

  public static final AppliedEvents NONE =
      new AppliedEvents(List.of(), Set.of(), Set.of(), Map.of());

  /** One applied event: its place in the log, its person and what it said. */
  public record Applied(long seq, UUID profileId, EventFacts facts) {}

  /** Told of each committed group, on the processor's thread: it must hand the work on quickly. */
  @FunctionalInterface
  public interface Listener {
    void applied(AppliedEvents events);
  }
}
