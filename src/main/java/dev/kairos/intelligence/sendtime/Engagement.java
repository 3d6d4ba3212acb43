package dev.kairos.intelligence.sendtime;

import java.time.Instant;
import java.util.Objects;

/** One engagement of a person: what and when. */
public record Engagement(EngagementKind kind, Instant at) {

  public Engagement {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(at, "at");
  }
}
