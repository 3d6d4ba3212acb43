package dev.kairos.intelligence.lifecycle;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A profile moved from one lifecycle stage to another; recorded as the event {@value #EVENT} on the
 * profile, so segments and journeys can trigger on it.
 *
 * @param from the previous stage; empty the first time a stage is computed for the profile
 * @param to the new stage
 * @param at when the change was detected (the {@code now} of the computation)
 */
public record StageChange(
    UUID profileId, Optional<LifecycleStage> from, LifecycleStage to, Instant at) {
  public static final String EVENT = "Lifecycle Stage Changed";

  public StageChange {
    Objects.requireNonNull(profileId, "profileId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(at, "at");
    if (from.isPresent() && from.get() == to) {
      throw new IllegalArgumentException("not a change: " + to);
    }
  }

  /**
   * The event properties: {@code previous_stage} (absent the first time) and {@code stage}, as the
   * {@link LifecycleStage#value()} strings.
   */
  public Map<String, String> eventProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    from.ifPresent(stage -> properties.put("previous_stage", stage.value()));
    properties.put("stage", to.value());
    return properties;
  }
}
