package dev.kairos.profile;

import java.time.Instant;

/** Whether a person or an address may be messaged, as far as suppression goes. */
public sealed interface Suppression {

  /** Never message: the identifier (or the profile) belongs to a deleted person. */
  record Active(String reason, Instant since) implements Suppression {}

  /**
   * Was suppressed (since {@code suppressedAt}); an explicit new opt-in lifted it (recorded with
   * its source).
   */
  record Lifted(String source, Instant liftedAt, Instant suppressedAt) implements Suppression {}

  /** Not suppressed. */
  record None() implements Suppression {}

  default boolean suppressed() {
    return this instanceof Active;
  }
}
