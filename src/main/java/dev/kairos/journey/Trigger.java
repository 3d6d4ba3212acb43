package dev.kairos.journey;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

/** What starts a person on a journey. */
public sealed interface Trigger {

  /** A tracked event with this name whose properties meet every condition of {@code where}. */
  record Event(String name, List<PropertyCondition> where) implements Trigger {
    public boolean matches(String eventName, JsonNode properties) {
      return name.equals(eventName) && PropertyCondition.all(where, properties);
    }
  }

  /** The person entered the segment (from the segment membership feed). */
  record SegmentEntered(String segment) implements Trigger {}

  /** The person left the segment (from the segment membership feed). */
  record SegmentExited(String segment) implements Trigger {}

  /**
   * A date trait (birthday or any date): {@code daysOffset} days before (negative) or after it, at
   * {@code at} in the person's time zone.
   */
  record DateTrait(String trait, int daysOffset, LocalTime at) implements Trigger {}

  /**
   * Everyone in a segment at {@code at} (in UTC, or at that local time for each person when {@code
   * personLocalTime}); {@code every} repeats it.
   */
  record Broadcast(
      String segment, LocalDateTime at, boolean personLocalTime, Optional<java.time.Period> every)
      implements Trigger {
    public Instant atUtc() {
      return at.toInstant(java.time.ZoneOffset.UTC);
    }
  }
}
