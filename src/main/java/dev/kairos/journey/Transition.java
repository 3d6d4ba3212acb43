package dev.kairos.journey;

import java.time.Instant;
import java.util.Optional;

/** What executing a due step does to its run. */
public sealed interface Transition {
  TraceEntry trace();

  /** On to {@code next} now ({@value Step#EXIT} completes the run). */
  record Continue(String next, TraceEntry trace) implements Transition {}

  /** Stays at the step, waiting until {@code until}, or for {@code event} until then. */
  record Wait(Instant until, Optional<String> event, TraceEntry trace) implements Transition {}

  /** Ends the run as failed: the step cannot be executed (the reason is in the trace). */
  record Fail(TraceEntry trace) implements Transition {}
}
