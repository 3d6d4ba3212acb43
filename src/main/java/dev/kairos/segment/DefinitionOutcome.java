package dev.kairos.segment;

import java.util.List;

/** What became of a segment definition sent to be saved. */
public sealed interface DefinitionOutcome {
  /** Saved; {@code recomputed}: a new version whose members are being recomputed. */
  record Saved(Segment segment, boolean recomputed) implements DefinitionOutcome {}

  /** The definition cannot be saved: every problem found, each at its JSON path. */
  record Invalid(List<DefinitionProblem> problems) implements DefinitionOutcome {
    public Invalid {
      problems = List.copyOf(problems);
    }
  }

  /** A segment with the key exists already (create) or none does (update). */
  record KeyTaken(String key) implements DefinitionOutcome {}

  record NotFound(String key) implements DefinitionOutcome {}
}
