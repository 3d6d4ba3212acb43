package dev.kairos.consent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.profile.ConsentChange;
import java.util.Optional;

/**
 * Whether a person may receive a message on a channel for a topic, from their current consent
 * ({@code {channel: {topic: true|false}}}): transactional messages always may; a marketing topic
 * needs a grant, of the topic or of {@value ConsentChange#ALL_TOPICS} when the topic was never
 * answered; a topic sent on legitimate interest needs only the absence of a denial.
 */
public final class MarketingConsent {
  private final ConsentSettings settings;

  public MarketingConsent(ConsentSettings settings) {
    this.settings = settings;
  }

  /** The person's answer for the channel and topic: granted, denied, or none. */
  public static Optional<Boolean> answer(JsonNode consent, String channel, String topic) {
    JsonNode topics = consent == null ? null : consent.get(channel);
    if (topics == null || !topics.isObject()) {
      return Optional.empty();
    }
    JsonNode answer = topics.get(topic);
    if (answer == null || !answer.isBoolean()) {
      answer = topics.get(ConsentChange.ALL_TOPICS);
    }
    return answer != null && answer.isBoolean()
        ? Optional.of(answer.asBoolean())
        : Optional.empty();
  }

  /** Why the message may not be sent, or empty when it may. */
  public Optional<String> refusal(JsonNode consent, String channel, String topic) {
    if (topic == null || topic.equals(ConsentSettings.TRANSACTIONAL)) {
      return Optional.empty();
    }
    Optional<Boolean> answer = answer(consent, channel, topic);
    if (answer.isPresent()) {
      return answer.get()
          ? Optional.empty()
          : Optional.of("consent denied for " + channel + "/" + topic);
    }
    if (settings.legitimateInterest().contains(topic)) {
      return Optional.empty();
    }
    return Optional.of("no consent recorded for " + channel + "/" + topic);
  }
}
