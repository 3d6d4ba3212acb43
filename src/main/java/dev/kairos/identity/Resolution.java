package dev.kairos.identity;

import java.util.List;
import java.util.UUID;

/**
 * Which profile an event belongs to, and what the identity graph learnt from it: new identifiers
 * attached to the profile and profiles merged into it.
 */
public record Resolution(
    UUID profileId, boolean created, List<Identifier> attached, List<Merge> merges) {

  /** A profile merged into the surviving one because the event linked their identifiers. */
  public record Merge(UUID surviving, UUID merged, String reason) {}
}
