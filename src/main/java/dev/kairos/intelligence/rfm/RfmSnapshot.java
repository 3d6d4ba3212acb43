package dev.kairos.intelligence.rfm;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The result of a full RFM recompute.
 *
 * @param boundaries the quintile boundaries; empty when nobody bought in the window
 * @param profiles the result of every profile with an order in the window, by profile id
 */
public record RfmSnapshot(Optional<RfmBoundaries> boundaries, Map<UUID, ProfileRfm> profiles) {

  public RfmSnapshot {
    profiles = Map.copyOf(profiles);
  }

  public Optional<ProfileRfm> of(UUID profileId) {
    return Optional.ofNullable(profiles.get(profileId));
  }
}
