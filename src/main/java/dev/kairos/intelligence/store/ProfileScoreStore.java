package dev.kairos.intelligence.store;

import dev.kairos.intelligence.LifecycleStep;
import dev.kairos.intelligence.RfmStep;
import dev.kairos.intelligence.SendHourStep;
import dev.kairos.intelligence.lifecycle.LifecycleThresholds;
import dev.kairos.intelligence.lifecycle.StageChange;
import dev.kairos.intelligence.rfm.ProfileRfm;
import dev.kairos.intelligence.rfm.Quintiles;
import dev.kairos.intelligence.rfm.RfmBoundaries;
import dev.kairos.intelligence.sendtime.SendHourEstimate;
import dev.kairos.intelligence.sendtime.ShopHourDistribution;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The results of the recompute on the profile (RFM, lifecycle stage, best send hour) and the
 * shop-level models they were scored with (RFM boundaries, lifecycle thresholds, the shop-wide
 * send-hour distribution). Profile rows are written in chunks, each in its own short transaction,
 * so event processing is never held up for long; only changed results are written.
 */
public final class ProfileScoreStore
    implements RfmStep.Results, LifecycleStep.Results, SendHourStep.Results {
  static final int CHUNK = 5_000;

  private final Database database;

  public ProfileScoreStore(Database database) {
    this.database = database;
  }

  // RFM

  @Override
  public void saveBoundaries(RfmBoundaries b) {
    database.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "insert into rfm_boundaries (computed_at, window_start, customers,"
                      + " recency_cuts, frequency_cuts, monetary_cuts) values (?, ?, ?, ?, ?, ?)"
                      + " on conflict (computed_at) do update set window_start ="
                      + " excluded.window_start, customers = excluded.customers,"
                      + " recency_cuts = excluded.recency_cuts,"
                      + " frequency_cuts = excluded.frequency_cuts,"
                      + " monetary_cuts = excluded.monetary_cuts")) {
            ps.setTimestamp(1, Sql.timestamp(b.asOf()));
            ps.setTimestamp(2, Sql.timestamp(b.windowStart()));
            ps.setInt(3, b.customers());
            ps.setArray(
                4,
                c.createArrayOf(
                    "timestamptz",
                    b.recency().cuts().stream().map(Timestamp::from).toArray(Timestamp[]::new)));
            ps.setArray(5, c.createArrayOf("integer", b.frequency().cuts().toArray()));
            ps.setArray(6, c.createArrayOf("numeric", b.monetary().cuts().toArray()));
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<RfmBoundaries> latestBoundaries() {
    return database.read(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "select computed_at, window_start, customers, recency_cuts,"
                          + " frequency_cuts, monetary_cuts from rfm_boundaries"
                          + " order by computed_at desc limit 1");
              ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              return Optional.empty();
            }
            List<Instant> recency = new ArrayList<>();
            for (Timestamp t : (Timestamp[]) rs.getArray(4).getArray()) {
              recency.add(t.toInstant());
            }
            List<Integer> frequency = List.of((Integer[]) rs.getArray(5).getArray());
            List<BigDecimal> monetary = List.of((BigDecimal[]) rs.getArray(6).getArray());
            return Optional.of(
                new RfmBoundaries(
                    Sql.instant(rs, "computed_at"),
                    Sql.instant(rs, "window_start"),
                    rs.getInt("customers"),
                    new Quintiles<>(recency),
                    new Quintiles<>(frequency),
                    new Quintiles<>(monetary)));
          }
        });
  }

  @Override
  public void saveScores(Map<UUID, Optional<ProfileRfm>> changes, Instant asOf) {
    List<Map.Entry<UUID, Optional<ProfileRfm>>> rows = new ArrayList<>(changes.entrySet());
    for (int from = 0; from < rows.size(); from += CHUNK) {
      List<Map.Entry<UUID, Optional<ProfileRfm>>> chunk =
          rows.subList(from, Math.min(rows.size(), from + CHUNK));
      database.inTransaction(c -> writeScores(c, chunk, asOf));
    }
  }

  private Void writeScores(
      Connection c, List<Map.Entry<UUID, Optional<ProfileRfm>>> chunk, Instant asOf)
      throws SQLException {
    List<UUID> ids = new ArrayList<>(chunk.size());
    List<String> r = new ArrayList<>(chunk.size());
    List<String> f = new ArrayList<>(chunk.size());
    List<String> m = new ArrayList<>(chunk.size());
    List<String> cells = new ArrayList<>(chunk.size());
    List<String> labels = new ArrayList<>(chunk.size());
    for (Map.Entry<UUID, Optional<ProfileRfm>> row : chunk) {
      ids.add(row.getKey());
      Optional<ProfileRfm> rfm = row.getValue();
      r.add(rfm.map(x -> Integer.toString(x.score().recency())).orElse(null));
      f.add(rfm.map(x -> Integer.toString(x.score().frequency())).orElse(null));
      m.add(rfm.map(x -> Integer.toString(x.score().monetary())).orElse(null));
      cells.add(rfm.map(x -> x.cell().name()).orElse(null));
      labels.add(rfm.map(x -> x.cell().label()).orElse(null));
    }
    ProfileRowLocks.lockInIdOrder(c, ids);
    try (PreparedStatement ps =
        c.prepareStatement(
            "update profiles p set rfm_recency = u.r, rfm_frequency = u.f, rfm_monetary = u.m,"
                + " rfm_cell = u.cell, rfm_cell_label = u.label, rfm_computed_at = ?"
                + " from unnest(?::uuid[], ?::smallint[], ?::smallint[], ?::smallint[],"
                + " ?::text[], ?::text[]) as u(id, r, f, m, cell, label) where p.id = u.id")) {
      ps.setTimestamp(1, Sql.timestamp(asOf));
      ps.setArray(2, Sql.uuids(c, ids));
      int i = 3;
      for (List<String> column : List.of(r, f, m, cells, labels)) {
        ps.setArray(i++, Sql.texts(c, column));
      }
      ps.executeUpdate();
    }
    return null;
  }

  // Lifecycle

  @Override
  public void saveThresholds(LifecycleThresholds t, Instant asOf) {
    database.inTransaction(
        c ->
            Sql.update(
                c,
                "insert into lifecycle_thresholds (computed_at, typical_interpurchase_seconds,"
                    + " at_risk_after_seconds, lapsed_after_seconds, vip_minimum_orders,"
                    + " vip_minimum_revenue) values (?, ?, ?, ?, ?, ?) on conflict (computed_at)"
                    + " do update set typical_interpurchase_seconds ="
                    + " excluded.typical_interpurchase_seconds,"
                    + " at_risk_after_seconds = excluded.at_risk_after_seconds,"
                    + " lapsed_after_seconds = excluded.lapsed_after_seconds,"
                    + " vip_minimum_orders = excluded.vip_minimum_orders,"
                    + " vip_minimum_revenue = excluded.vip_minimum_revenue",
                Sql.timestamp(asOf),
                t.typicalInterPurchaseTime().getSeconds(),
                t.atRiskAfter().getSeconds(),
                t.lapsedAfter().getSeconds(),
                t.vipMinimumOrders(),
                t.vipMinimumRevenue().orElse(null)));
  }

  @Override
  public Optional<LifecycleThresholds> latestThresholds() {
    return database.read(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "select typical_interpurchase_seconds, at_risk_after_seconds,"
                          + " lapsed_after_seconds, vip_minimum_orders, vip_minimum_revenue"
                          + " from lifecycle_thresholds order by computed_at desc limit 1");
              ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              return Optional.empty();
            }
            return Optional.of(
                new LifecycleThresholds(
                    Duration.ofSeconds(rs.getLong(1)),
                    Duration.ofSeconds(rs.getLong(2)),
                    Duration.ofSeconds(rs.getLong(3)),
                    rs.getInt(4),
                    Optional.ofNullable(rs.getBigDecimal(5))));
          }
        });
  }

  @Override
  public void saveStages(List<StageChange> changes) {
    for (int from = 0; from < changes.size(); from += CHUNK) {
      List<StageChange> chunk = changes.subList(from, Math.min(changes.size(), from + CHUNK));
      database.inTransaction(
          c -> {
            List<UUID> ids = new ArrayList<>(chunk.size());
            List<String> stages = new ArrayList<>(chunk.size());
            List<String> since = new ArrayList<>(chunk.size());
            for (StageChange change : chunk) {
              ids.add(change.profileId());
              stages.add(change.to().value());
              since.add(change.at().toString());
            }
            ProfileRowLocks.lockInIdOrder(c, ids);
            try (PreparedStatement ps =
                c.prepareStatement(
                    "update profiles p set lifecycle_stage = u.stage,"
                        + " lifecycle_stage_since = u.since"
                        + " from unnest(?::uuid[], ?::text[], ?::timestamptz[])"
                        + " as u(id, stage, since) where p.id = u.id")) {
              ps.setArray(1, Sql.uuids(c, ids));
              ps.setArray(2, Sql.texts(c, stages));
              ps.setArray(3, Sql.texts(c, since));
              ps.executeUpdate();
            }
            return null;
          });
    }
  }

  // Send hour

  @Override
  public void saveDistribution(ShopHourDistribution d, Instant asOf) {
    database.inTransaction(
        c -> {
          Double[] shares = new Double[24];
          for (int h = 0; h < 24; h++) {
            shares[h] = d.share(h);
          }
          Array array = c.createArrayOf("float8", shares);
          return Sql.update(
              c,
              "insert into send_hour_distribution (computed_at, people, peak_hour, shares)"
                  + " values (?, ?, ?, ?) on conflict (computed_at) do update set"
                  + " people = excluded.people, peak_hour = excluded.peak_hour,"
                  + " shares = excluded.shares",
              Sql.timestamp(asOf),
              d.people(),
              d.peakHour(),
              array);
        });
  }

  @Override
  public Optional<ShopHourDistribution> latestDistribution() {
    return database.read(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "select people, peak_hour, shares from send_hour_distribution"
                          + " order by computed_at desc limit 1");
              ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              return Optional.empty();
            }
            Double[] stored = (Double[]) rs.getArray(3).getArray();
            double[] shares = new double[stored.length];
            for (int h = 0; h < shares.length; h++) {
              shares[h] = stored[h];
            }
            return Optional.of(ShopHourDistribution.restore(shares, rs.getInt(2), rs.getInt(1)));
          }
        });
  }

  @Override
  public void saveHours(Map<UUID, SendHourEstimate> changes) {
    List<Map.Entry<UUID, SendHourEstimate>> rows = new ArrayList<>(changes.entrySet());
    for (int from = 0; from < rows.size(); from += CHUNK) {
      List<Map.Entry<UUID, SendHourEstimate>> chunk =
          rows.subList(from, Math.min(rows.size(), from + CHUNK));
      database.inTransaction(
          c -> {
            List<UUID> ids = new ArrayList<>(chunk.size());
            List<String> hours = new ArrayList<>(chunk.size());
            List<String> personal = new ArrayList<>(chunk.size());
            for (Map.Entry<UUID, SendHourEstimate> row : chunk) {
              ids.add(row.getKey());
              hours.add(Integer.toString(row.getValue().hour()));
              personal.add(Boolean.toString(row.getValue() instanceof SendHourEstimate.Personal));
            }
            ProfileRowLocks.lockInIdOrder(c, ids);
            try (PreparedStatement ps =
                c.prepareStatement(
                    "update profiles p set best_send_hour = u.hour,"
                        + " best_send_hour_personal = u.personal"
                        + " from unnest(?::uuid[], ?::smallint[], ?::boolean[])"
                        + " as u(id, hour, personal) where p.id = u.id")) {
              ps.setArray(1, Sql.uuids(c, ids));
              ps.setArray(2, Sql.texts(c, hours));
              ps.setArray(3, Sql.texts(c, personal));
              ps.executeUpdate();
            }
            return null;
          });
    }
  }
}
