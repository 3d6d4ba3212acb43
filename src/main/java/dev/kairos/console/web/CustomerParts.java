package dev.kairos.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The parts of the 360° page beside the profile itself, as text for the templates. */
public final class CustomerParts {
  private CustomerParts() {}

  public record Identifier(String kind, String value, String firstSeen) {}

  public record Merge(
      long id,
      String surviving,
      String merged,
      String reason,
      String identifiersMoved,
      String mergedAt,
      String undoneAt,
      boolean undoable) {}

  public record Order(
      String id, String placedAt, String status, String revenue, String currency, int lines) {}

  public record Event(long seq, String name, String occurredAt, String properties) {}

  /** A page of the timeline and where the next (older) page starts, when there is one. */
  public record Timeline(List<Event> events, Long nextBefore) {}

  public record Recommended(String name, String productId, String score, String reason) {}

  static List<Identifier> identifiers(JsonNode identity) {
    List<Identifier> list = new ArrayList<>();
    for (JsonNode i : identity.path("identifiers")) {
      list.add(
          new Identifier(
              i.path("kind").asText(),
              i.path("value").asText(),
              CustomerView.when(i.get("first_seen_at"))));
    }
    return list;
  }

  static List<Merge> merges(JsonNode identity) {
    List<Merge> list = new ArrayList<>();
    for (JsonNode m : identity.path("merges")) {
      boolean undone = !m.path("undone_at").isNull() && !m.path("undone_at").isMissingNode();
      list.add(
          new Merge(
              m.path("merge_id").asLong(),
              m.path("surviving_profile_id").asText(),
              m.path("merged_profile_id").asText(),
              CustomerView.text(m.get("reason")),
              CustomerView.text(m.get("identifiers_moved")),
              CustomerView.when(m.get("merged_at")),
              undone ? CustomerView.when(m.path("undone_at")) : null,
              !undone));
    }
    return list;
  }

  static List<Order> orders(JsonNode orders) {
    List<Order> list = new ArrayList<>();
    for (JsonNode o : orders) {
      list.add(
          new Order(
              o.path("order_id").asText(),
              CustomerView.when(o.get("placed_at")),
              o.path("status").asText(),
              CustomerView.text(o.get("revenue")),
              o.path("currency").asText(""),
              o.path("lines").size()));
    }
    return list;
  }

  static Timeline timeline(JsonNode events, int pageSize) {
    List<Event> list = new ArrayList<>();
    for (JsonNode e : events) {
      String name =
          e.path("event").isTextual() ? e.path("event").asText() : e.path("type").asText("event");
      JsonNode details = e.has("properties") ? e.get("properties") : e.path("traits");
      list.add(
          new Event(
              e.path("seq").asLong(),
              name,
              CustomerView.when(e.has("timestamp") ? e.get("timestamp") : e.get("receivedAt")),
              details.isMissingNode() || details.isEmpty() ? "" : CustomerView.pretty(details)));
    }
    Long next = list.size() == pageSize ? list.get(list.size() - 1).seq() : null;
    return new Timeline(list, next);
  }

  static List<Recommended> recommendations(
      List<dev.kairos.intelligence.ServingRecommendations.Recommended> found) {
    List<Recommended> list = new ArrayList<>();
    for (var shown : found) {
      var r = shown.recommendation();
      list.add(
          new Recommended(
              shown.product().map(p -> p.name()).orElse(r.productId()),
              r.productId(),
              String.format(java.util.Locale.ROOT, "%.3f", r.score()),
              reason(r.reason())));
    }
    return list;
  }

  private static String reason(dev.kairos.intelligence.recommend.Reason reason) {
    if (reason instanceof dev.kairos.intelligence.recommend.Reason.BoughtTogetherWith r) {
      return "bought together with " + r.productId();
    } else if (reason instanceof dev.kairos.intelligence.recommend.Reason.ViewedTogetherWith r) {
      return "viewed together with " + r.productId();
    } else if (reason
        instanceof dev.kairos.intelligence.recommend.Reason.BecauseOfYourInterestIn r) {
      return "because of interest in " + r.productId();
    } else if (reason instanceof dev.kairos.intelligence.recommend.Reason.PopularInCategory r) {
      return "popular in " + r.category();
    }
    return "popular overall";
  }
}
