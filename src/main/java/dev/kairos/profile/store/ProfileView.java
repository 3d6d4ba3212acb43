package dev.kairos.profile.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.platform.db.Sql;
import dev.kairos.profile.Profile;
import java.sql.ResultSet;
import java.sql.SQLException;
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

  /** The columns the profile-intelligence recompute writes, as {@link #scores} reads them. */
  static final String SCORE_COLUMNS =
      "rfm_recency, rfm_frequency, rfm_monetary, rfm_cell, rfm_cell_label, rfm_computed_at,"
          + " lifecycle_stage, lifecycle_stage_since, best_send_hour, best_send_hour_personal,"
          + " p_alive, churn_risk, expected_orders_30d, expected_orders_90d, expected_orders_365d,"
          + " expected_next_order_at, clv_predicted, clv_historic, expected_average_spend,"
          + " clv_computed_at";

  /**
   * Adds the recomputed scores: {@code rfm} ({@code null} when the profile has no order in the RFM
   * window), {@code lifecycle_stage}, {@code lifecycle_stage_since}, {@code best_send_hour} and
   * {@code best_send_hour_personal}, and {@code predictions} (CLV; {@code null} for a profile
   * without orders or before the first successful fit); all {@code null} before the first
   * recompute.
   */
  static void scores(ObjectNode view, ResultSet rs) throws SQLException {
    int recency = rs.getInt("rfm_recency");
    if (rs.wasNull()) {
      view.putNull("rfm");
    } else {
      int frequency = rs.getInt("rfm_frequency");
      int monetary = rs.getInt("rfm_monetary");
      ObjectNode rfm = view.putObject("rfm");
      rfm.put("recency", recency);
      rfm.put("frequency", frequency);
      rfm.put("monetary", monetary);
      rfm.put("score", "" + recency + frequency + monetary);
      rfm.put("cell", rs.getString("rfm_cell_label"));
      rfm.put("cell_id", rs.getString("rfm_cell"));
      rfm.put("computed_at", text(Sql.instant(rs, "rfm_computed_at")));
    }
    view.put("lifecycle_stage", rs.getString("lifecycle_stage"));
    view.put("lifecycle_stage_since", text(Sql.instant(rs, "lifecycle_stage_since")));
    int hour = rs.getInt("best_send_hour");
    if (rs.wasNull()) {
      view.putNull("best_send_hour");
      view.putNull("best_send_hour_personal");
    } else {
      view.put("best_send_hour", hour);
      view.put("best_send_hour_personal", rs.getBoolean("best_send_hour_personal"));
    }
    predictions(view, rs);
  }

  private static void predictions(ObjectNode view, ResultSet rs) throws SQLException {
    double alive = rs.getDouble("p_alive");
    if (rs.wasNull()) {
      view.putNull("predictions");
      return;
    }
    ObjectNode predictions = view.putObject("predictions");
    predictions.put("p_alive", alive);
    predictions.put("churn_risk", rs.getDouble("churn_risk"));
    predictions.put("expected_orders_30d", rs.getDouble("expected_orders_30d"));
    predictions.put("expected_orders_90d", rs.getDouble("expected_orders_90d"));
    predictions.put("expected_orders_365d", rs.getDouble("expected_orders_365d"));
    predictions.put("expected_next_order_at", text(Sql.instant(rs, "expected_next_order_at")));
    predictions.put("expected_average_spend", rs.getBigDecimal("expected_average_spend"));
    predictions.put("predicted_clv", rs.getBigDecimal("clv_predicted"));
    predictions.put("historic_clv", rs.getBigDecimal("clv_historic"));
    predictions.put("computed_at", text(Sql.instant(rs, "clv_computed_at")));
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
