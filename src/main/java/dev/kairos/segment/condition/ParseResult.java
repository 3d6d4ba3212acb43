package dev.kairos.segment.condition;

import java.util.List;

/** What {@link ConditionParser} made of a condition's JSON. */
public sealed interface ParseResult {
  record Valid(Condition condition) implements ParseResult {}

  /** Every problem found (the parser does not stop at the first). */
  record Invalid(List<Problem> problems) implements ParseResult {
    public Invalid {
      problems = List.copyOf(problems);
    }
  }
}
