package dev.kairos.intelligence.store;

import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.math.BigDecimal;
import java.util.List;

/**
 * How the shop's customers spread over the recomputed scores: the RFM grid (recency by frequency,
 * with customers and revenue per cell), the named RFM cells, the lifecycle stages, and predicted
 * CLV in equal-width bands.
 */
public final class ScoreDistribution {
  private final Database database;

  public ScoreDistribution(Database database) {
    this.database = database;
  }

  /** One square of the RFM grid. */
  public record GridCell(int recency, int frequency, long customers, BigDecimal revenue) {}

  /** Customers in a named group (an RFM cell, a lifecycle stage). */
  public record Group(String name, long customers, BigDecimal revenue) {}

  /** Customers whose predicted CLV falls in {@code [from, to)}. */
  public record Band(BigDecimal from, BigDecimal to, long customers) {}

  public List<GridCell> rfmGrid() {
    return database.read(
        c ->
            Sql.list(
                c,
                "select rfm_recency, rfm_frequency, count(*), coalesce(sum(revenue), 0)"
                    + " from profiles where merged_into is null and rfm_recency is not null"
                    + " group by 1, 2 order by 1, 2",
                rs ->
                    new GridCell(rs.getInt(1), rs.getInt(2), rs.getLong(3), rs.getBigDecimal(4))));
  }

  public List<Group> rfmCells() {
    return groups("rfm_cell_label");
  }

  public List<Group> lifecycleStages() {
    return groups("lifecycle_stage");
  }

  /** Customers with or without a stage, a cell: {@code column} is one of this class's constants. */
  private List<Group> groups(String column) {
    return database.read(
        c ->
            Sql.list(
                c,
                "select "
                    + column
                    + ", count(*), coalesce(sum(revenue), 0) from profiles where merged_into is"
                    + " null and "
                    + column
                    + " is not null group by 1 order by 2 desc, 1",
                rs -> new Group(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3))));
  }

  /**
   * Predicted CLV in {@code bands} equal bands from 0 to the 99th percentile (the last band also
   * holds the values above it, so a few whales do not squash the chart).
   */
  public List<Band> clvBands(int bands) {
    return database.read(
        c ->
            Sql.list(
                c,
                "with top as (select percentile_cont(0.99) within group (order by clv_predicted)"
                    + " as p99 from profiles where merged_into is null and clv_predicted is not"
                    + " null), b as (select greatest(least(width_bucket(p.clv_predicted::float8, 0,"
                    + " greatest(top.p99, 0.01), ?), ?), 1) as band, greatest(top.p99, 0.01) as p99"
                    + " from profiles p, top where p.merged_into is null and p.clv_predicted is"
                    + " not null) select band, count(*), max(p99) from b group by band order by"
                    + " band",
                rs -> {
                  int band = rs.getInt(1);
                  BigDecimal width =
                      rs.getBigDecimal(3)
                          .divide(BigDecimal.valueOf(bands), 2, java.math.RoundingMode.HALF_UP);
                  return new Band(
                      width.multiply(BigDecimal.valueOf(band - 1L)),
                      width.multiply(BigDecimal.valueOf(band)),
                      rs.getLong(2));
                },
                bands,
                bands));
  }
}
