package dev.kairos.delivery;

/**
 * A way to reach a person (email, SMS, push, webhook…), implemented in the channel context. It
 * receives the message's idempotency key: providers that accept one get it, so a repeated hand-off
 * after a crash is not a second message.
 */
public interface Channel {
  String name();

  Handoff deliver(OutboundMessage message);

  /** A rendered message ready to hand to a channel. */
  record OutboundMessage(
      long id,
      String idempotencyKey,
      java.util.UUID profileId,
      String channel,
      String topic,
      String address,
      dev.kairos.template.Rendering.Rendered content) {
    /** The subject (email) or title, when the template has one. */
    public String subject() {
      return content.subject();
    }

    /** What a channel with one body sends: the body, else the HTML, else the text. */
    public String body() {
      return content.mainPart();
    }
  }

  /** What the channel did with a message. */
  sealed interface Handoff {
    /** The provider accepted it. */
    record Sent(String providerId) implements Handoff {}

    /** Kept in Kairos only (no channel configured): status {@code sandboxed}. */
    record Sandboxed() implements Handoff {}

    /** Not delivered; {@code retryable} failures are retried with backoff. */
    record Failed(boolean retryable, String error) implements Handoff {}
  }
}
