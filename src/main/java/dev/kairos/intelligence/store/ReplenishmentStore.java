package dev.kairos.intelligence.store;

import dev.kairos.intelligence.ReplenishmentStep;
import dev.kairos.intelligence.replenishment.ReplenishmentDue;
import dev.kairos.intelligence.replenishment.ReplenishmentInterval;
import dev.kairos.intelligence.replenishment.ReplenishmentIntervals;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reorder intervals per product and due dates per person and product. */
public final class ReplenishmentStore implements ReplenishmentStep.Results {
  private final Database database;

  public ReplenishmentStore(Database database) {
    this.database = database;
  }

  @Override
  public void replaceIntervals(ReplenishmentIntervals intervals, Instant asOf) {
    database.inTransaction(
        c -> {
          Sql.update(c, "delete from product_replenishment");
          List<String> products = new ArrayList<>();
          List<String> seconds = new ArrayList<>();
          List<String> buyers = new ArrayList<>();
          for (ReplenishmentInterval interval : intervals.all()) {
            products.add(interval.productId());
            seconds.add(Long.toString(Math.max(1, interval.interval().getSeconds())));
            buyers.add(Integer.toString(interval.repeatBuyers()));
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "insert into product_replenishment (product_id, interval_seconds,"
                      + " repeat_buyers, computed_at) select u.*, ? from unnest(?::text[],"
                      + " ?::bigint[], ?::integer[]) as u")) {
            ps.setTimestamp(1, Sql.timestamp(asOf));
            ps.setArray(2, Sql.texts(c, products));
            ps.setArray(3, Sql.texts(c, seconds));
            ps.setArray(4, Sql.texts(c, buyers));
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public ReplenishmentIntervals intervals() {
    return database.read(
        c -> {
          List<ReplenishmentInterval> intervals = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "select product_id, interval_seconds, repeat_buyers"
                          + " from product_replenishment");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              intervals.add(
                  new ReplenishmentInterval(
                      rs.getString(1), Duration.ofSeconds(rs.getLong(2)), rs.getInt(3)));
            }
          }
          return ReplenishmentIntervals.of(intervals);
        });
  }

  @Override
  public void replaceAllDueDates(List<ReplenishmentDue> due) {
    database.inTransaction(
        c -> {
          Sql.update(c, "delete from replenishment_due");
          insert(c, due);
          return null;
        });
  }

  @Override
  public void replaceDueDates(Collection<UUID> profileIds, List<ReplenishmentDue> due) {
    if (profileIds.isEmpty()) {
      return;
    }
    database.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "delete from replenishment_due where profile_id = any(?::uuid[])")) {
            ps.setArray(1, Sql.uuids(c, profileIds));
            ps.executeUpdate();
          }
          insert(c, due);
          return null;
        });
  }

  private static void insert(Connection c, List<ReplenishmentDue> due) throws SQLException {
    for (int from = 0; from < due.size(); from += ProfileScoreStore.CHUNK) {
      List<ReplenishmentDue> chunk =
          due.subList(from, Math.min(due.size(), from + ProfileScoreStore.CHUNK));
      List<UUID> profiles = new ArrayList<>(chunk.size());
      List<String> products = new ArrayList<>(chunk.size());
      List<String> last = new ArrayList<>(chunk.size());
      List<String> dueAt = new ArrayList<>(chunk.size());
      for (ReplenishmentDue d : chunk) {
        profiles.add(d.profileId());
        products.add(d.productId());
        last.add(d.lastPurchasedAt().toString());
        dueAt.add(d.dueAt().toString());
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "insert into replenishment_due (profile_id, product_id, last_purchased_at, due_at)"
                  + " select * from unnest(?::uuid[], ?::text[], ?::timestamptz[],"
                  + " ?::timestamptz[])")) {
        ps.setArray(1, Sql.uuids(c, profiles));
        ps.setArray(2, Sql.texts(c, products));
        ps.setArray(3, Sql.texts(c, last));
        ps.setArray(4, Sql.texts(c, dueAt));
        ps.executeUpdate();
      }
    }
  }

  /** One product a person is due to reorder, as the management API shows it. */
  public record DueProduct(
      String productId,
      Optional<String> name,
      Instant lastPurchasedAt,
      Instant dueAt,
      Duration interval,
      int repeatBuyers) {}

  /**
   * The due dates of a surviving profile, soonest first; empty when the profile does not exist. An
   * id of a profile merged into another answers for the surviving one.
   */
  public Optional<Due> dueOf(UUID profileId) {
    return database.read(
        c -> {
          Optional<UUID> surviving = surviving(c, profileId);
          if (surviving.isEmpty()) {
            return Optional.empty();
          }
          List<DueProduct> products = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select d.product_id, pr.name, d.last_purchased_at, d.due_at,"
                      + " r.interval_seconds, r.repeat_buyers from replenishment_due d"
                      + " join product_replenishment r on r.product_id = d.product_id"
                      + " left join products pr on pr.product_id = d.product_id"
                      + " where d.profile_id = ? order by d.due_at, d.product_id")) {
            ps.setObject(1, surviving.get());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                products.add(
                    new DueProduct(
                        rs.getString(1),
                        Optional.ofNullable(rs.getString(2)),
                        Sql.instant(rs, "last_purchased_at"),
                        Sql.instant(rs, "due_at"),
                        Duration.ofSeconds(rs.getLong(5)),
                        rs.getInt(6)));
              }
            }
          }
          return Optional.of(new Due(surviving.get(), products));
        });
  }

  /** A surviving profile's due dates. */
  public record Due(UUID profileId, List<DueProduct> products) {}

  private static Optional<UUID> surviving(Connection c, UUID id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "with recursive up(id, merged_into, depth) as ("
                + " select id, merged_into, 0 from profiles where id = ?"
                + " union all select p.id, p.merged_into, u.depth + 1 from profiles p"
                + " join up u on p.id = u.merged_into where u.depth < 100)"
                + " select id from up where merged_into is null")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
      }
    }
  }
}
