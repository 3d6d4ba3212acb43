package dev.kairos.segment.store.sql;

import dev.kairos.platform.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Writes a {@link RandomWorld} into the tables the evaluators read: profiles, identifiers, events
 * with their timeline links, and the behaviour counters recounted from those events (as migration
 * V40 counts the log; that the processor keeps them equal is ProfileBehaviourTest's job).
 */
final class WorldRows {
  private WorldRows() {}

  static void replace(Connection c, RandomWorld world) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "truncate profile_behaviour, profile_behaviour_days, profile_timeline, events,"
              + " identifiers, profiles cascade");
    }
    for (RandomWorld.Profile p : world.profiles) {
      profile(c, p);
    }
    long seq = 0;
    for (RandomWorld.Profile p : world.profiles) {
      for (String kind : p.identifierKinds()) {
        Sql.update(
            c,
            "insert into identifiers (kind, value, profile_id, first_seen_at) values (?, ?, ?, now())",
            kind,
            kind + ":" + p.id(),
            p.id());
      }
      for (RandomWorld.Event e : p.events()) {
        seq++;
        String payload =
            RandomWorld.JSON
                .objectNode()
                .put("type", "track")
                .put("event", e.name())
                .set("properties", e.properties())
                .toString();
        Sql.update(
            c,
            "insert into events (seq, message_id, type, event, occurred_at, received_at, payload)"
                + " values (?, ?, 'track', ?, ?, ?, ?)",
            seq,
            "m" + seq,
            e.name(),
            ts(e.at()),
            ts(e.at()),
            payload);
        Sql.update(
            c,
            "insert into profile_timeline (profile_id, first_seq, seqs, occurred_ats)"
                + " values (?, ?, array[?::bigint], array[?::timestamptz])",
            p.id(),
            seq,
            seq,
            ts(e.at()));
      }
    }
    recount(c);
  }

  private static void recount(Connection c) throws SQLException {
    String roots =
        "with recursive chain (id, root) as ("
            + " select id, merged_into from profiles where merged_into is not null"
            + " union all select c.id, p.merged_into from chain c join profiles p on p.id = c.root"
            + " where p.merged_into is not null),"
            + " roots as (select c.id, c.root from chain c join profiles p on p.id = c.root"
            + " where p.merged_into is null) ";
    Sql.update(
        c,
        roots
            + "insert into profile_behaviour (profile_id, event, total, first_at, last_at)"
            + " select coalesce(r.root, l.profile_id), e.event, count(*), min(l.occurred_at),"
            + " max(l.occurred_at) from events e join event_profiles l on l.seq = e.seq"
            + " left join roots r on r.id = l.profile_id group by 1, 2");
    Sql.update(
        c,
        roots
            + "insert into profile_behaviour_days (event, day, profile_id, count)"
            + " select e.event, (l.occurred_at at time zone 'UTC')::date,"
            + " coalesce(r.root, l.profile_id), count(*) from events e"
            + " join event_profiles l on l.seq = e.seq left join roots r on r.id = l.profile_id"
            + " group by 1, 2, 3");
  }

  private static void profile(Connection c, RandomWorld.Profile p) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into profiles (id, merged_into, created_at, updated_at, time_zone, traits,"
                + " orders_count, revenue, refunds_count, first_order_at, last_order_at, cart,"
                + " cart_value, cart_updated_at, first_seen_at, last_seen_at, rfm_cell, rfm_recency,"
                + " lifecycle_stage, p_alive, churn_risk, clv_predicted, expected_orders_90d,"
                + " best_send_hour, suppressed, consent)"
                + " values (?, ?, now(), now(), ?, ?::jsonb, ?, ?, ?, ?, ?, ?::json, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)")) {
      int i = 1;
      ps.setObject(i++, p.id());
      ps.setObject(i++, null, java.sql.Types.OTHER);
      ps.setString(i++, p.zone());
      ps.setString(i++, p.traits().toString());
      ps.setInt(i++, p.ordersCount());
      ps.setBigDecimal(i++, p.revenue());
      ps.setInt(i++, p.refundsCount());
      ps.setTimestamp(i++, ts(p.firstOrderAt()));
      ps.setTimestamp(i++, ts(p.lastOrderAt()));
      ps.setString(i++, p.cartItems() == null ? null : "{\"item_count\": " + p.cartItems() + "}");
      ps.setBigDecimal(i++, p.cartValue());
      ps.setTimestamp(i++, ts(p.cartUpdatedAt()));
      ps.setTimestamp(i++, ts(p.firstSeenAt()));
      ps.setTimestamp(i++, ts(p.lastSeenAt()));
      ps.setString(i++, p.rfmCell());
      ps.setObject(i++, p.rfmRecency(), java.sql.Types.SMALLINT);
      ps.setString(i++, p.lifecycleStage());
      ps.setObject(i++, p.pAlive(), java.sql.Types.DOUBLE);
      ps.setObject(i++, p.churnRisk(), java.sql.Types.DOUBLE);
      ps.setBigDecimal(i++, p.clvPredicted());
      ps.setObject(i++, p.expectedOrders90d(), java.sql.Types.DOUBLE);
      ps.setObject(i++, p.bestSendHour(), java.sql.Types.SMALLINT);
      ps.setBoolean(i++, p.suppressed());
      ps.setString(i, p.consent().toString());
      ps.executeUpdate();
    }
    if (p.mergedInto() != null) {
      Sql.update(c, "update profiles set merged_into = ? where id = ?", p.mergedInto(), p.id());
    }
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
