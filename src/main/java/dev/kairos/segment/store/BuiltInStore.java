package dev.kairos.segment.store;

import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Which built-in segments are installed, and the shop figures their thresholds come from. */
public final class BuiltInStore {
  private final Database database;

  public BuiltInStore(Database database) {
    this.database = database;
  }

  public Set<String> installed() {
    return database.read(
        c ->
            new HashSet<>(Sql.list(c, "select key from segment_built_ins", rs -> rs.getString(1))));
  }

  public void markInstalled(String key, Instant at) {
    database.inTransaction(
        c ->
            Sql.update(
                c,
                "insert into segment_built_ins (key, installed_at) values (?, ?) on conflict do"
                    + " nothing",
                key,
                Sql.timestamp(at)));
  }

  /** Marks a built-in's thresholds as kept by Kairos (true) or by its editor (false). */
  public void thresholdsManaged(String key, boolean managed) {
    database.inTransaction(
        c ->
            Sql.update(
                c, "update segments set thresholds_managed = ? where key = ?", managed, key));
  }

  public boolean thresholdsManaged(String key) {
    return database.read(
        c ->
            Sql.list(
                    c,
                    "select thresholds_managed from segments where key = ?",
                    rs -> rs.getBoolean(1),
                    key)
                .stream()
                .findFirst()
                .orElse(false));
  }

  /** The cuts at the given shares of the values of completed (not cancelled) orders. */
  public Optional<List<BigDecimal>> orderValueCuts(double... shares) {
    return cuts(
        "select percentile_cont(?::float8[]) within group (order by revenue) from orders where"
            + " status <> 'cancelled'",
        shares);
  }

  /** The cuts at the given shares of customers' revenue (profiles with an order). */
  public Optional<List<BigDecimal>> customerRevenueCuts(double... shares) {
    return cuts(
        "select percentile_cont(?::float8[]) within group (order by revenue) from profiles where"
            + " merged_into is null and orders_count > 0",
        shares);
  }

  /** The cuts at the given shares of predicted lifetime values. */
  public Optional<List<BigDecimal>> predictedValueCuts(double... shares) {
    return cuts(
        "select percentile_cont(?::float8[]) within group (order by clv_predicted) from profiles"
            + " where merged_into is null and clv_predicted is not null",
        shares);
  }

  private Optional<List<BigDecimal>> cuts(String sql, double[] shares) {
    return database.read(
        c -> {
          Double[] boxed = new Double[shares.length];
          for (int i = 0; i < shares.length; i++) {
            boxed[i] = shares[i];
          }
          List<java.sql.Array> rows =
              Sql.list(c, sql, rs -> rs.getArray(1), c.createArrayOf("float8", boxed));
          if (rows.isEmpty() || rows.get(0) == null) {
            return Optional.empty();
          }
          Object[] values = (Object[]) rows.get(0).getArray();
          List<BigDecimal> cuts = new java.util.ArrayList<>();
          for (Object value : values) {
            if (value == null) {
              return Optional.empty();
            }
            cuts.add(
                BigDecimal.valueOf(((Number) value).doubleValue())
                    .setScale(2, java.math.RoundingMode.HALF_UP));
          }
          return Optional.of(cuts);
        });
  }
}
