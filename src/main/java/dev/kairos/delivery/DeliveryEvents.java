package dev.kairos.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What happens to messages, recorded as events on their person's profile ("Email Sent", "Email
 * Opened", "SMS Delivered" …), so segments, journeys and reports see them.
 */
public interface DeliveryEvents {
  void record(List<DeliveryEvent> events);

  /** One event about one message of the outbox. */
  record DeliveryEvent(long messageId, String name, Map<String, Object> properties, Instant at) {}

  /** Records nothing (until a recorder is wired). */
  DeliveryEvents NONE = events -> {};
}
