package dev.kairos.intelligence.rfm;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who is in each RFM cell: customers, mean monetary value, mean days since the last order and mean
 * orders, per cell (the table marketers read first, also in the recompute's summary).
 */
public final class RfmCellTable {
  private RfmCellTable() {}

  /** One cell's row. */
  public record Row(
      int customers, BigDecimal meanMonetary, double meanDaysSinceLastOrder, double meanOrders) {}

  /**
   * The rows of the cells that hold anyone, in {@link RfmCell} order, keyed by the cell's label.
   */
  public static Map<String, Row> of(Collection<ProfileRfm> profiles, Instant now) {
    Map<RfmCell, double[]> sums = new EnumMap<>(RfmCell.class);
    for (ProfileRfm p : profiles) {
      double[] s = sums.computeIfAbsent(p.cell(), c -> new double[4]);
      s[0]++;
      s[1] += p.facts().monetary().doubleValue();
      s[2] += p.facts().recency(now).toSeconds() / 86_400.0;
      s[3] += p.facts().orders();
    }
    Map<String, Row> rows = new LinkedHashMap<>();
    sums.forEach(
        (cell, s) ->
            rows.put(
                cell.label(),
                new Row(
                    (int) s[0],
                    BigDecimal.valueOf(s[1] / s[0]).setScale(2, RoundingMode.HALF_UP),
                    Math.round(s[2] / s[0] * 10) / 10.0,
                    Math.round(s[3] / s[0] * 100) / 100.0)));
    return rows;
  }
}
