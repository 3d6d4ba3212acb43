package dev.kairos.journey;

/** A condition evaluated on a person: it holds or not, or it cannot be evaluated (and why). */
public sealed interface ConditionResult {
  record Holds(boolean holds, String explanation) implements ConditionResult {}

  record Unavailable(String reason) implements ConditionResult {}
}
