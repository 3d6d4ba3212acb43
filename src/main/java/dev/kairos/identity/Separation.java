package dev.kairos.identity;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An operator's decision that two groups of identifiers are not one person (recorded when a merge
 * is undone): no profile may hold identifiers of both sides. A profile is on a side when it owns
 * one of that side's identifiers.
 */
public record Separation(long id, Set<Identifier> first, Set<Identifier> second) {

  public Separation {
    first = Set.copyOf(first);
    second = Set.copyOf(second);
  }

  /** Whether merging profiles {@code a} and {@code b} would join the two sides. */
  public boolean keepsApart(UUID a, UUID b, Map<Identifier, UUID> owners) {
    return owns(a, first, owners) && owns(b, second, owners)
        || owns(a, second, owners) && owns(b, first, owners);
  }

  private static boolean owns(UUID profile, Set<Identifier> side, Map<Identifier, UUID> owners) {
    for (Identifier identifier : side) {
      if (profile.equals(owners.get(identifier))) {
        return true;
      }
    }
    return false;
  }
}
