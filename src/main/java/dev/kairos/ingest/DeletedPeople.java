package dev.kairos.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The people deleted (their identifiers suppressed). An imported call carrying one of their
 * identifiers would be stored and then kept only as a stub, changing no one; an import rejects it
 * instead, by its place in the batch, so the import summary lists it with its line and counts it as
 * rejected. A new opt-in lifts the suppression first ({@code DELETE /api/suppressions/..}).
 */
@FunctionalInterface
public interface DeletedPeople {

  /** For events at some positions of {@code events}, the suppressed identifier each carries. */
  Map<Integer, String> among(List<TrackedEvent> events);

  /** The call without its events of deleted people, rejected instead. */
  default ParsedCall.Events refuse(ParsedCall.Events call) {
    Map<Integer, String> deleted = call.events().isEmpty() ? Map.of() : among(call.events());
    if (deleted.isEmpty()) {
      return call;
    }
    Set<Integer> rejectedAt = new HashSet<>();
    for (Rejection rejection : call.rejections()) {
      rejectedAt.add(rejection.index() == null ? -1 : rejection.index());
    }
    List<TrackedEvent> kept = new ArrayList<>();
    List<Rejection> rejections = new ArrayList<>(call.rejections());
    int index = 0;
    for (int i = 0; i < call.events().size(); i++) {
      while (rejectedAt.contains(index)) {
        index++;
      }
      String identifier = deleted.get(i);
      if (identifier != null) {
        rejections.add(
            new Rejection(
                index,
                identifier.substring(0, identifier.indexOf(':')),
                identifier
                    + " is a deleted person's (suppressed): not imported; a new opt-in lifts the"
                    + " suppression (DELETE /api/suppressions/"
                    + identifier
                    + ")"));
      } else {
        kept.add(call.events().get(i));
      }
      index++;
    }
    return new ParsedCall.Events(call.writeKey(), kept, rejections);
  }
}
