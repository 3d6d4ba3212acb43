package dev.kairos.intelligence;

import dev.kairos.intelligence.lifecycle.LifecycleStage;
import dev.kairos.intelligence.rfm.RfmScore;
import dev.kairos.intelligence.sendtime.Engagement;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What the recompute knows about one (surviving) profile besides its orders.
 *
 * @param reachable the profile has an email or phone identifier, or a marketing consent
 * @param customer the profile has an identifier other than an anonymous id (a userId, email, phone,
 *     member card …): a person Kairos recognises when they come back. A profile known only by
 *     anonymous ids (a guest checkout, an anonymous device) is not a customer, and its orders are
 *     guest orders, left out of the per-customer models.
 * @param zone the profile's time zone, or the workspace's when it has none
 * @param engagements opens and clicks (orders are added from the order history)
 * @param stored the results stored by the previous recompute, so only differences are written
 */
public record ProfileInputs(
    UUID profileId,
    boolean reachable,
    boolean customer,
    ZoneId zone,
    List<Engagement> engagements,
    Stored stored) {

  public ProfileInputs {
    Objects.requireNonNull(profileId, "profileId");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(stored, "stored");
    engagements = List.copyOf(engagements);
  }

  /** The results currently stored on the profile. */
  public record Stored(
      Optional<LifecycleStage> stage,
      Optional<RfmScore> rfm,
      Optional<Integer> bestSendHour,
      boolean bestSendHourPersonal,
      Optional<ValuePrediction> valuePrediction) {
    public static final Stored NONE =
        new Stored(Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty());
  }
}
