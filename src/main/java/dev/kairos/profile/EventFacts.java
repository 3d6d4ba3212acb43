package dev.kairos.profile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.commerce.CommerceFacts;
import dev.kairos.ingest.EventType;
import dev.kairos.ingest.TrackedEvent;
import java.time.Instant;
import java.util.Set;

/**
 * What an event says about its person, read from it once: on the request thread for live ingest, so
 * that the processor, which applies events one at a time on one thread, never parses an event
 * again; and a few small objects per waiting event instead of its JSON.
 *
 * @param seen whether the event counts as the person being seen (not one Kairos wrote about them)
 * @param traits an identify call's {@code traits}, else null
 * @param timeZone the time zone the event names ({@code traits.timezone}, else {@code
 *     context.timezone}), not yet checked; null when none
 * @param consent the consent decisions the event carries ({@link ConsentChange#of})
 */
public record EventFacts(
    String messageId,
    EventType type,
    Instant timestamp,
    boolean seen,
    JsonNode traits,
    String timeZone,
    CommerceFacts commerce,
    java.util.List<ConsentChange> consent) {

  /** Sources of events Kairos writes about a person itself; they are not the person being seen. */
  private static final Set<String> KAIROS_SOURCES =
      Set.of("kairos-intelligence", "kairos-segments", "kairos-consent");

  public static EventFacts of(TrackedEvent event) {
    String zone = event.traits().path("timezone").asText(null);
    if (zone == null) {
      zone = event.context().path("timezone").asText(null);
    }
    return new EventFacts(
        event.messageId(),
        event.type(),
        event.timestamp(),
        !KAIROS_SOURCES.contains(event.context().path("library").path("name").asText("")),
        event.type() == EventType.IDENTIFY ? event.traits() : null,
        zone,
        CommerceFacts.of(event),
        ConsentChange.of(event));
  }
}
