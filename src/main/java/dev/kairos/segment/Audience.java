package dev.kairos.segment;

import dev.kairos.segment.condition.Condition;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Who meets a condition now, counted and listed by the SQL evaluator (for previews). */
public interface Audience {
  long count(Condition condition, Instant now);

  /** The first {@code limit} profile ids (in id order) that meet the condition. */
  List<UUID> sample(Condition condition, Instant now, int limit);
}
