package dev.kairos.intelligence.sendtime;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A person's engagement history and the time zone their hours are read in (the profile's zone,
 * falling back to the workspace's).
 */
public record PersonEngagement(UUID profileId, ZoneId zone, List<Engagement> engagements) {

  public PersonEngagement {
    Objects.requireNonNull(profileId, "profileId");
    Objects.requireNonNull(zone, "zone");
    engagements = List.copyOf(engagements);
  }
}
