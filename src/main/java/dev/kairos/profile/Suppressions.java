package dev.kairos.profile;

import dev.kairos.identity.Identifier;
import java.util.UUID;

/**
 * The question delivery asks before every send (guarantee 5): is this address, or this person,
 * suppressed? A deleted person's identifiers stay suppressed (by their SHA-256) until an explicit
 * new opt-in lifts one of them; a profile id that no longer exists (deleted) is suppressed too.
 */
public interface Suppressions {

  /** The suppression of one identifier (an email address, a phone number, a userId …). */
  Suppression of(Identifier identifier);

  /**
   * The suppression of a profile (followed to the profile it was merged into): active when it no
   * longer exists, when it is flagged suppressed, or when one of its identifiers is suppressed.
   */
  Suppression ofProfile(UUID profileId);

  /**
   * The suppression of an address a message would go to: a deleted person's, or an address
   * suppressed for a hard bounce, repeated soft bounces, a complaint, an operator's entry or a
   * deletion request ({@link AddressSuppression#stopsEverything}); an unsubscribe from everything
   * stops marketing only and is left to consent.
   */
  default Suppression ofAddress(Identifier address) {
    return of(address);
  }
}
