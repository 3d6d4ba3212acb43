package dev.kairos.delivery;

import java.time.Instant;

/** What delivery policy decides for a message at send time. */
public sealed interface Decision {
  record Send() implements Decision {}

  /** Not now: try again at {@code until} (quiet hours). */
  record Defer(Instant until, String reason) implements Decision {}

  /** Never: the person is suppressed, or a frequency cap is reached. */
  record Suppress(String reason) implements Decision {}
}
