package dev.kairos.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The orders kept without a person after their buyer was deleted (anonymous revenue). An imported
 * {@code Order Completed} naming one of them would be taken for a repeat of it and counted for no
 * one, so an import rejects it instead, by its place in the batch: the import summary lists it with
 * its line and counts it as rejected.
 */
@FunctionalInterface
public interface ErasedOrders {

  /** The order ids, among these, of orders kept without a person. */
  Set<String> among(Collection<String> orderIds);

  /**
   * The call without its {@code Order Completed} events naming an erased order, rejected instead.
   */
  default ParsedCall.Events refuse(ParsedCall.Events call) {
    Set<String> named = new HashSet<>();
    for (TrackedEvent event : call.events()) {
      orderId(event).ifPresent(named::add);
    }
    Set<String> erased = named.isEmpty() ? Set.of() : among(named);
    if (erased.isEmpty()) {
      return call;
    }
    // each accepted event's place in the batch: the places the parser did not reject
    Set<Integer> rejectedAt = new HashSet<>();
    for (Rejection rejection : call.rejections()) {
      rejectedAt.add(rejection.index() == null ? -1 : rejection.index());
    }
    int index = 0;
    List<TrackedEvent> kept = new ArrayList<>();
    List<Rejection> rejections = new ArrayList<>(call.rejections());
    for (TrackedEvent event : call.events()) {
      while (rejectedAt.contains(index)) {
        index++;
      }
      Optional<String> id = orderId(event);
      if (id.isPresent() && erased.contains(id.get())) {
        rejections.add(
            new Rejection(
                index,
                "properties.order_id",
                "order "
                    + id.get()
                    + " is kept anonymised after its buyer was deleted: an order with this id is"
                    + " not imported again (give it another order_id)"));
      } else {
        kept.add(event);
      }
      index++;
    }
    return new ParsedCall.Events(call.writeKey(), kept, rejections);
  }

  private static Optional<String> orderId(TrackedEvent event) {
    if (!event.isTrack("Order Completed")) {
      return Optional.empty();
    }
    return text(event.properties().get("order_id"))
        .or(() -> text(event.properties().get("checkout_id")));
  }

  private static Optional<String> text(JsonNode node) {
    if (node == null || node.isNull() || node.isContainerNode()) {
      return Optional.empty();
    }
    String text = node.asText().trim();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }
}
