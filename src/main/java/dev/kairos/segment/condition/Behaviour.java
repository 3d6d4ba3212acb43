package dev.kairos.segment.condition;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * A person's events as segment conditions read them: per event name, how many, the first and last,
 * and the count per UTC day; and, for the event names some condition filters by properties, the
 * events themselves.
 *
 * @param summaries by event name; a name the person never performed is absent
 * @param events the events of the names a {@code where} reads, in any order
 */
public record Behaviour(Map<String, Summary> summaries, List<Recorded> events) {
  public static final Behaviour NONE = new Behaviour(Map.of(), List.of());

  public Behaviour {
    summaries = Map.copyOf(summaries);
    events = List.copyOf(events);
  }

  /** One event name's counters for a person. */
  public record Summary(
      long total, Instant first, Instant last, NavigableMap<LocalDate, Long> daily) {}

  /** One event, with its properties, for property filters. */
  public record Recorded(String event, Instant at, JsonNode properties) {}
}
