package dev.kairos.delivery;

import dev.kairos.identity.Identifier;
import dev.kairos.identity.IdentifierNormaliser;
import dev.kairos.profile.Suppression;
import dev.kairos.profile.Suppressions;
import java.util.Optional;
import java.util.UUID;

/**
 * Guarantee 5 at send time: a message is suppressed when its person no longer exists (deleted), is
 * suppressed (or was merged into someone who is), has any suppressed identifier, or when the very
 * address it would go to is suppressed. The privacy context answers each question ({@link
 * Suppressions}); this only asks them, person first.
 */
public final class SendSuppression {
  private final Suppressions suppressions;
  private final IdentifierNormaliser normaliser;

  public SendSuppression(Suppressions suppressions, IdentifierNormaliser normaliser) {
    this.suppressions = suppressions;
    this.normaliser = normaliser;
  }

  /** Why the message must not go out, or empty when suppression does not stop it. */
  public Optional<String> reason(UUID profileId, String channel, String address) {
    if (suppressions.ofProfile(profileId) instanceof Suppression.Active active) {
      return Optional.of(active.reason());
    }
    Optional<String> kind = Addresses.kind(channel);
    if (kind.isEmpty() || address == null) {
      return Optional.empty();
    }
    Optional<Identifier> to = normaliser.normalise(kind.get(), address);
    if (to.isPresent() && suppressions.ofAddress(to.get()) instanceof Suppression.Active active) {
      return Optional.of("the address is suppressed: " + active.reason());
    }
    return Optional.empty();
  }
}
