package dev.kairos.journey;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What steps do to the world, bound to the transaction that executes them: so a step's effects and
 * its run's move commit together or not at all.
 */
public interface StepEffects {
  ConditionResult holds(JsonNode condition);

  /** A free code of the pool, now assigned to this run and step (the same one when repeated). */
  Optional<String> couponFromPool(String pool);

  void queue(SendRequest request);

  void updateTrait(String trait, JsonNode value);

  /** The person's date trait (a {@code yyyy-MM-dd} or ISO date-time string), when set. */
  Optional<LocalDate> dateTrait(String trait);
}
