package dev.kairos.intelligence;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one step did.
 *
 * @param profilesChanged profiles whose stored result changed
 * @param events events recorded (stage changes)
 * @param figures the step's own figures for the summary (numbers and short texts)
 */
public record StepOutcome(
    String step, int profilesChanged, int events, Map<String, Object> figures) {

  public StepOutcome {
    figures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(figures));
  }
}
