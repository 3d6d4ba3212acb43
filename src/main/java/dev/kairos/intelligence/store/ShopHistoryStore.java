package dev.kairos.intelligence.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kairos.commerce.CommerceEvents;
import dev.kairos.ingest.TrackedEvent;
import dev.kairos.intelligence.ProfileInputs;
import dev.kairos.intelligence.ShopHistory;
import dev.kairos.intelligence.ShopHistorySource;
import dev.kairos.intelligence.UnmatchedRefund;
import dev.kairos.intelligence.ValuePrediction;
import dev.kairos.intelligence.lifecycle.LifecycleStage;
import dev.kairos.intelligence.rfm.CustomerOrder;
import dev.kairos.intelligence.rfm.RfmScore;
import dev.kairos.intelligence.sendtime.Engagement;
import dev.kairos.intelligence.sendtime.EngagementKind;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reads what the recompute needs: completed orders with their products (each attributed to the
 * surviving profile, following {@code merged_into} through any number of merges), reachability,
 * opens and clicks, time zones and the results stored last time.
 */
public final class ShopHistoryStore implements ShopHistorySource {
  /** Merge chains longer than this are treated as broken (a cycle would never end). */
  private static final int MAX_MERGE_DEPTH = 100;

  /**
   * Every profile with the surviving profile it belongs to. The seed is either every surviving
   * profile or those in the array parameter; both are fixed texts.
   */
  private static final String TREE =
      "with recursive tree(id, survivor, depth) as (select id, id, 0 from profiles"
          + " where merged_into is null %s"
          + " union all select p.id, t.survivor, t.depth + 1 from profiles p"
          + " join tree t on p.merged_into = t.id where t.depth < "
          + MAX_MERGE_DEPTH
          + ") ";

  private static final String ALL = "";
  private static final String SOME = "and id = any(?::uuid[])";

  private final Database database;
  private final ZoneId workspaceZone;
  private final Duration engagementLookback;
  private final ObjectMapper mapper;

  public ShopHistoryStore(
      Database database, ZoneId workspaceZone, Duration engagementLookback, ObjectMapper mapper) {
    this.database = database;
    this.mapper = mapper;
    this.workspaceZone = workspaceZone;
    this.engagementLookback = engagementLookback;
  }

  @Override
  public ShopHistory all(Instant asOf) {
    return database.read(c -> read(c, null, asOf));
  }

  @Override
  public ShopHistory of(Collection<UUID> profileIds, Instant asOf) {
    if (profileIds.isEmpty()) {
      return new ShopHistory(asOf, List.of(), Map.of());
    }
    return database.read(c -> read(c, List.copyOf(new LinkedHashSet<>(profileIds)), asOf));
  }

  private ShopHistory read(Connection c, List<UUID> ids, Instant asOf) throws SQLException {
    Map<UUID, List<Engagement>> engagements = engagements(c, ids, asOf);
    Map<UUID, ProfileInputs> profiles = profiles(c, ids, engagements);
    return new ShopHistory(asOf, orders(c, ids), unmatchedRefunds(c, ids), profiles);
  }

  /**
   * Refunds whose order is not in {@code orders} (a return booked on its own credit note): only the
   * event log has them. The amount is read as the order book reads it; a refund without one (a
   * "full" refund of an unknown order) refunds nothing.
   */
  private List<UnmatchedRefund> unmatchedRefunds(Connection c, List<UUID> ids) throws SQLException {
    List<UnmatchedRefund> refunds = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            tree(ids)
                + "select t.survivor, e.occurred_at, e.payload from events e"
                + " join event_profiles l on l.seq = e.seq join tree t on t.id = l.profile_id"
                + " where e.type = 'track' and e.event = 'Order Refunded'"
                + " and not exists (select 1 from orders o where o.order_id = coalesce("
                + "e.payload::json->'properties'->>'order_id',"
                + " e.payload::json->'properties'->>'checkout_id'))")) {
      bindTree(c, ps, ids);
      ps.setFetchSize(10_000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          TrackedEvent event = TrackedEvent.fromStored(mapper, rs.getString(3));
          Optional<BigDecimal> amount = CommerceEvents.refundAmount(event);
          if (amount.isPresent() && amount.get().signum() > 0) {
            refunds.add(
                new UnmatchedRefund(
                    rs.getObject(1, UUID.class), Sql.instant(rs, "occurred_at"), amount.get()));
          }
        }
      }
    }
    return refunds;
  }

  private List<CustomerOrder> orders(Connection c, List<UUID> ids) throws SQLException {
    List<CustomerOrder> orders = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            tree(ids)
                + "select t.survivor, o.placed_at, o.revenue - o.refunded as value,"
                + " array(select distinct l.product_id from order_lines l"
                + " where l.order_id = o.order_id and l.product_id is not null) as products"
                + " from orders o join tree t on t.id = o.profile_id"
                + " where o.status <> 'cancelled'")) {
      bindTree(c, ps, ids);
      ps.setFetchSize(10_000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Array products = rs.getArray(4);
          orders.add(
              new CustomerOrder(
                  rs.getObject(1, UUID.class),
                  Sql.instant(rs, "placed_at"),
                  rs.getBigDecimal(3),
                  Set.of(distinct((String[]) products.getArray()))));
        }
      }
    }
    return orders;
  }

  private Map<UUID, ProfileInputs> profiles(
      Connection c, List<UUID> ids, Map<UUID, List<Engagement>> engagements) throws SQLException {
    Map<UUID, ProfileInputs> profiles = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select p.id, p.time_zone, p.lifecycle_stage, p.rfm_recency, p.rfm_frequency,"
                + " p.rfm_monetary, p.best_send_hour, p.best_send_hour_personal,"
                + " p.p_alive, p.churn_risk, p.expected_orders_30d, p.expected_orders_90d,"
                + " p.expected_orders_365d, p.expected_next_order_at, p.clv_predicted,"
                + " p.clv_historic, p.expected_average_spend,"
                + " (exists (select 1 from identifiers i where i.profile_id = p.id"
                + " and i.kind in ('email', 'phone'))"
                + " or jsonb_path_exists(p.consent, '$.** ? (@ == true)')) as reachable"
                + ", exists (select 1 from identifiers i where i.profile_id = p.id"
                + " and i.kind <> 'anonymousId') as customer"
                + " from profiles p where p.merged_into is null"
                + (ids == null ? "" : " and p.id = any(?::uuid[])"))) {
      if (ids != null) {
        ps.setArray(1, Sql.uuids(c, ids));
      }
      ps.setFetchSize(10_000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          UUID id = rs.getObject(1, UUID.class);
          profiles.put(
              id,
              new ProfileInputs(
                  id,
                  rs.getBoolean("reachable"),
                  rs.getBoolean("customer"),
                  zone(rs.getString("time_zone")),
                  engagements.getOrDefault(id, List.of()),
                  stored(rs)));
        }
      }
    }
    return profiles;
  }

  private static ProfileInputs.Stored stored(ResultSet rs) throws SQLException {
    Optional<RfmScore> rfm = Optional.empty();
    int r = rs.getInt("rfm_recency");
    if (!rs.wasNull()) {
      rfm = Optional.of(new RfmScore(r, rs.getInt("rfm_frequency"), rs.getInt("rfm_monetary")));
    }
    int hour = rs.getInt("best_send_hour");
    Optional<Integer> bestHour = rs.wasNull() ? Optional.empty() : Optional.of(hour);
    return new ProfileInputs.Stored(
        stage(rs.getString("lifecycle_stage")),
        rfm,
        bestHour,
        rs.getBoolean("best_send_hour_personal"),
        valuePrediction(rs));
  }

  private static Optional<ValuePrediction> valuePrediction(ResultSet rs) throws SQLException {
    double alive = rs.getDouble("p_alive");
    if (rs.wasNull()) {
      return Optional.empty();
    }
    return Optional.of(
        new ValuePrediction(
            alive,
            rs.getDouble("churn_risk"),
            rs.getDouble("expected_orders_30d"),
            rs.getDouble("expected_orders_90d"),
            rs.getDouble("expected_orders_365d"),
            Optional.ofNullable(Sql.instant(rs, "expected_next_order_at")),
            rs.getBigDecimal("clv_predicted"),
            rs.getBigDecimal("clv_historic"),
            rs.getBigDecimal("expected_average_spend")));
  }

  private Map<UUID, List<Engagement>> engagements(Connection c, List<UUID> ids, Instant asOf)
      throws SQLException {
    Map<UUID, List<Engagement>> engagements = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            tree(ids)
                + "select t.survivor, e.event, e.occurred_at from events e"
                + " join event_profiles l on l.seq = e.seq join tree t on t.id = l.profile_id"
                + " where e.type = 'track' and e.event in ('Email Opened', 'Email Link Clicked')"
                + " and e.occurred_at >= ? and e.occurred_at <= ?")) {
      int i = bindTree(c, ps, ids);
      ps.setTimestamp(i++, Sql.timestamp(asOf.minus(engagementLookback)));
      ps.setTimestamp(i, Sql.timestamp(asOf));
      ps.setFetchSize(10_000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          EngagementKind kind =
              "Email Opened".equals(rs.getString(2)) ? EngagementKind.OPEN : EngagementKind.CLICK;
          engagements
              .computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>())
              .add(new Engagement(kind, Sql.instant(rs, "occurred_at")));
        }
      }
    }
    return engagements;
  }

  @Override
  public Set<UUID> changedSince(Instant since) {
    return database.read(
        c -> {
          Set<UUID> changed = new HashSet<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "with recursive changed(id) as ("
                      + " select profile_id from orders"
                      + " where updated_at >= ? and profile_id is not null"
                      + " union select l.profile_id from events e"
                      + " join event_profiles l on l.seq = e.seq where e.type = 'track'"
                      + " and e.event = 'Order Refunded' and e.received_at >= ?"
                      + " union select surviving_profile_id from profile_merges where merged_at >= ?"
                      + " union select surviving_profile_id from profile_merges where undone_at >= ?"
                      + " union select merged_profile_id from profile_merges where undone_at >= ?"
                      + " union select id from profiles"
                      + " where lifecycle_stage is null and merged_into is null),"
                      + " up(id, depth) as (select id, 0 from changed"
                      + " union select p.merged_into, u.depth + 1 from up u"
                      + " join profiles p on p.id = u.id"
                      + " where p.merged_into is not null and u.depth < "
                      + MAX_MERGE_DEPTH
                      + ") select distinct p.id from up u join profiles p on p.id = u.id"
                      + " where p.merged_into is null")) {
            for (int i = 1; i <= 5; i++) {
              ps.setTimestamp(i, Sql.timestamp(since));
            }
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                changed.add(rs.getObject(1, UUID.class));
              }
            }
          }
          return changed;
        });
  }

  private static String tree(List<UUID> ids) {
    return String.format(TREE, ids == null ? ALL : SOME);
  }

  private static int bindTree(Connection c, PreparedStatement ps, List<UUID> ids)
      throws SQLException {
    if (ids == null) {
      return 1;
    }
    ps.setArray(1, Sql.uuids(c, ids));
    return 2;
  }

  private ZoneId zone(String zone) {
    if (zone == null) {
      return workspaceZone;
    }
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException e) {
      return workspaceZone;
    }
  }

  static Optional<LifecycleStage> stage(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (LifecycleStage stage : LifecycleStage.values()) {
      if (stage.value().equals(value)) {
        return Optional.of(stage);
      }
    }
    return Optional.empty();
  }

  private static String[] distinct(String[] values) {
    return new LinkedHashSet<>(List.of(values)).toArray(new String[0]);
  }
}
