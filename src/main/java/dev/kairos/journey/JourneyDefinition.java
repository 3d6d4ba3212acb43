package dev.kairos.journey;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A journey as the engine runs it (one version of its JSON document). */
public record JourneyDefinition(
    String key,
    String name,
    Trigger trigger,
    Entry entry,
    Optional<Goal> goal,
    List<ExitCriterion> exitOn,
    Priority priority,
    String start,
    Map<String, Step> steps) {

  public Step step(String key) {
    Step step = steps.get(key);
    if (step == null) {
      throw new IllegalStateException("journey " + this.key + " has no step " + key);
    }
    return step;
  }

  /**
   * Who may enter again: once ever, every time, or once the cooldown since the last entry passed.
   */
  public record Entry(Mode mode, java.time.Duration cooldown, boolean concurrent) {
    public enum Mode {
      ONCE,
      EVERY_TIME,
      AFTER_COOLDOWN
    }

    public static final Entry DEFAULT = new Entry(Mode.EVERY_TIME, java.time.Duration.ZERO, false);
  }

  /** The event that counts as a conversion when it comes within {@code within} of entering. */
  public record Goal(String event, java.time.Duration within, List<PropertyCondition> where) {}

  /** What ends a run early. */
  public sealed interface ExitCriterion {
    record OnEvent(String event, List<PropertyCondition> where) implements ExitCriterion {}

    record OnSegmentExited(String segment) implements ExitCriterion {}
  }

  /** Which message goes first when frequency caps collide (highest first). */
  public enum Priority {
    TRANSACTIONAL(3),
    CART_RECOVERY(2),
    TRIGGERED(1),
    PROMOTIONAL(0);

    private final int rank;

    Priority(int rank) {
      this.rank = rank;
    }

    public int rank() {
      return rank;
    }

    public String value() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
