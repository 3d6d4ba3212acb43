package dev.kairos.channel.email;

import java.util.Optional;

/**
 * One email ready to compose: its parts as they are sent (tracking applied), and for marketing
 * messages the one-click unsubscribe.
 *
 * @param idempotencyKey the outbox key; the {@code Message-ID} is derived from it, so a repeated
 *     hand-off carries the same id and receivers can tell it is the same message
 * @param html the HTML part, or null for a text-only message
 */
public record Email(
    String idempotencyKey,
    String to,
    String subject,
    String html,
    String text,
    Optional<Unsubscribe> unsubscribe) {

  /**
   * {@code List-Unsubscribe}: the signed HTTPS URL (RFC 8058 one-click POST) and a mailto.
   *
   * @param mailto an address with its query, e.g. {@code unsubscribe@shop.example?subject=…}
   */
  public record Unsubscribe(String url, String mailto) {}
}
