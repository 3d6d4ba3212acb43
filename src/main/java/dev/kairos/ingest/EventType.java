package dev.kairos.ingest;

import java.util.Locale;
import java.util.Optional;

/** The Segment call types. */
public enum EventType {
  TRACK,
  IDENTIFY,
  PAGE,
  SCREEN,
  GROUP,
  ALIAS;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<EventType> fromWireName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    for (EventType type : values()) {
      if (type.wireName().equals(name.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
