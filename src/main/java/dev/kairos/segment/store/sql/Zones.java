package dev.kairos.segment.store.sql;

import java.time.ZoneId;

/** The time zone names a person's own zone is taken from (others fall back to the workspace's). */
final class Zones {
  static final String[] KNOWN =
      ZoneId.getAvailableZoneIds().stream().sorted().toArray(String[]::new);

  private Zones() {}

  static ZoneId orNull(String name) {
    return name != null && ZoneId.getAvailableZoneIds().contains(name) ? ZoneId.of(name) : null;
  }
}
