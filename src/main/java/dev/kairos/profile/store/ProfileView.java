package dev.kairos.profile.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.profile.Profile;
import java.time.Instant;

/** The JSON of a profile in the management API. */
final class ProfileView {
  private ProfileView() {}

  static ObjectNode of(Profile p, ObjectMapper mapper) {
    ObjectNode view = mapper.createObjectNode();
    view.put("id", p.id().toString());
    view.putArray("identifiers");
    view.set("traits", p.traits());
    view.put("created_at", text(p.createdAt()));
    view.put("first_seen_at", text(p.firstSeenAt()));
    view.put("last_seen_at", text(p.lastSeenAt()));
    view.put("time_zone", p.timeZone());
    view.set("consent", p.consent());
    view.put("suppressed", p.suppressed());
    view.put("orders_count", p.ordersCount());
    view.put("revenue", p.revenue());
    view.put("average_order_value", p.averageOrderValue());
    view.put("first_order_at", text(p.firstOrderAt()));
    view.put("last_order_at", text(p.lastOrderAt()));
    view.put("refunds_count", p.refundsCount());
    view.put("refunded", p.refunded());
    view.set("cart", p.cart().isEmpty() ? mapper.nullNode() : ProfileJson.cart(p.cart()));
    view.set("viewed_products", ProfileJson.viewed(p.viewedProducts()));
    return view;
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
