package dev.kairos.delivery.bounce;

import java.util.Optional;

/**
 * What a bounce or complaint notice says about one recipient, whatever its format (an RFC 3464
 * delivery status notification, an RFC 5965 feedback report, a provider's webhook).
 *
 * <p>{@code unsubscribeUrl}: the original message's {@code List-Unsubscribe} HTTPS URL when the
 * notice quotes it; its signed token names the Kairos message the notice is about.
 */
public sealed interface BounceReport {
  String recipient();

  Optional<String> unsubscribeUrl();

  /** The message could not be delivered: permanently ({@code hard}) or for now. */
  record Bounce(
      String recipient,
      boolean hard,
      String status,
      String diagnostic,
      Optional<String> unsubscribeUrl)
      implements BounceReport {}

  /** The recipient marked the message as spam. */
  record Complaint(String recipient, String feedbackType, Optional<String> unsubscribeUrl)
      implements BounceReport {}

  /** The message was delivered (soft bounces are no longer in a row). */
  record Delivered(String recipient, Optional<String> unsubscribeUrl) implements BounceReport {}
}
