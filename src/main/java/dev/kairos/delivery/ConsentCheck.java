package dev.kairos.delivery;

import java.util.Optional;
import java.util.UUID;

/** Asked at send time, for each channel a message could take: may this person get it? */
public interface ConsentCheck {
  /** Why this person may not get a message on this channel and topic, or empty when they may. */
  Optional<String> refusal(UUID profileId, String channel, String topic);

  /** Until consent is recorded per channel and topic, nobody is refused for want of it. */
  ConsentCheck ALLOW_ALL = (profileId, channel, topic) -> Optional.empty();
}
