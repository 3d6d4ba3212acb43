package dev.kairos.intelligence.rfm;

import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * A report, not a test: prints the RFM cell table of the Online Retail customers for
 * docs/rfm-and-lifecycle.md ({@code java -cp … dev.kairos.intelligence.rfm.RfmCellTableReport}).
 */
public final class RfmCellTableReport {
  private RfmCellTableReport() {}

  public static void main(String[] args) {
    RfmSnapshot snapshot =
        new RfmScoring(RfmSettings.defaults())
            .recompute(OnlineRetail.orders(), RfmOnOnlineRetailTest.NOW);
    Map<RfmCell, double[]> stats = RfmOnOnlineRetailTest.cellStats(snapshot.profiles().values());
    StringBuilder table =
        new StringBuilder(
            "| cell | customers | share | mean monetary | mean days since last order | mean orders |\n");
    stats.forEach(
        (cell, s) ->
            table.append(
                String.format(
                    "| %s | %.0f | %.1f%% | %.0f | %.0f | %.1f |%n",
                    cell.label(),
                    s[0],
                    100 * s[0] / snapshot.profiles().size(),
                    s[1],
                    s[2],
                    s[3])));
    for (String measure : List.of("R", "F", "M")) {
      ToIntFunction<RfmScore> m =
          measure.equals("R")
              ? RfmScore::recency
              : measure.equals("F") ? RfmScore::frequency : RfmScore::monetary;
      table.append(measure).append(" shares:");
      double[] share = RfmOnOnlineRetailTest.shares(snapshot.profiles().values(), m);
      for (int s = 1; s <= 5; s++) {
        table.append(String.format(" %d=%.1f%%", s, 100 * share[s]));
      }
      table.append('\n');
    }
    table.append("customers: ").append(snapshot.profiles().size()).append('\n');
    table.append("boundaries: ").append(snapshot.boundaries().orElseThrow()).append('\n');
    System.out.println(table);
  }
}
