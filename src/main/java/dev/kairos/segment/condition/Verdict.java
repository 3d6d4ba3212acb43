package dev.kairos.segment.condition;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the in-memory evaluator says of a person at an instant.
 *
 * @param member whether the condition holds
 * @param reasons each condition of the tree, whether it held, and the value seen
 * @param nextChange the earliest later instant at which the clock alone (no new event) could change
 *     the answer: a window edge, a relative date passing, a birthday starting or ending in the
 *     person's time zone; empty when only a new event can. The answer may also stay the same then:
 *     evaluate again at that instant.
 */
public record Verdict(boolean member, List<Reason> reasons, Optional<Instant> nextChange) {
  public Verdict {
    reasons = List.copyOf(reasons);
  }
}
