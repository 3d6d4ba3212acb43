package dev.kairos.identity;

import java.util.List;
import java.util.UUID;

/**
 * Which profile an event belongs to, and what the identity graph learnt from it: new identifiers
 * attached to the profile and profiles merged into it.
 *
 * @param keptApart the separations that refused a link the event made (its other profiles stay as
 *     they are)
 */
public record Resolution(
    UUID profileId,
    boolean created,
    List<Identifier> attached,
    List<Merge> merges,
    List<Long> keptApart) {

  /** A profile merged into the surviving one because the event linked their identifiers. */
  public record Merge(UUID surviving, UUID merged, String reason) {}
}
