package dev.kairos.console.web;

import dev.kairos.intelligence.ClvFit;
import dev.kairos.intelligence.store.ClvStore;
import dev.kairos.intelligence.store.ScoreDistribution;
import dev.kairos.platform.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Intelligence: the RFM grid, the lifecycle stages and the CLV distribution with the model. */
public final class IntelligencePage implements RouteGroup {
  private final ConsoleAccess access;
  private final Pages pages;
  private final ScoreDistribution scores;
  private final ClvStore clv;

  public IntelligencePage(
      ConsoleAccess access, Pages pages, ScoreDistribution scores, ClvStore clv) {
    this.access = access;
    this.pages = pages;
    this.scores = scores;
    this.clv = clv;
  }

  /** A row of the RFM grid: one recency score, its cells by frequency 1 to 5. */
  public record GridRow(int recency, List<ScoreDistribution.GridCell> cells) {}

  /** The newest CLV fit in words. */
  public record Fit(
      String computedAt, String outcome, String reason, String model, long customers) {}

  public record View(
      List<GridRow> grid,
      List<ScoreDistribution.Group> cells,
      List<ScoreDistribution.Group> stages,
      String stageChart,
      List<ScoreDistribution.Band> bands,
      String clvChart,
      Fit fit) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/intelligence", access.page(this::intelligence));
  }

  private void intelligence(Context ctx, Viewer viewer) {
    List<ScoreDistribution.Group> stages = scores.lifecycleStages();
    List<ScoreDistribution.Band> bands = scores.clvBands(10);
    Chart stageChart =
        Chart.bars(
            stages.stream().map(ScoreDistribution.Group::name).toList(),
            List.of(
                new Chart.Series(
                    "Customers",
                    "bar",
                    stages.stream().map(ScoreDistribution.Group::customers).toList(),
                    0)),
            false);
    Chart clvChart =
        Chart.bars(
            bands.stream().map(b -> b.from() + "–" + b.to()).toList(),
            List.of(
                new Chart.Series(
                    "Customers",
                    "bar",
                    bands.stream().map(ScoreDistribution.Band::customers).toList(),
                    0)),
            false);
    Optional<ClvFit> latest = clv.latest();
    pages.render(
        ctx,
        "intelligence.jte",
        "chrome",
        new Chrome("Intelligence", "intelligence", viewer),
        "view",
        new View(
            grid(scores.rfmGrid()),
            scores.rfmCells(),
            stages,
            stageChart.json(),
            bands,
            clvChart.json(),
            latest
                .map(
                    f ->
                        new Fit(
                            f.computedAt().toString(),
                            f.outcome().value(),
                            f.reason().orElse(null),
                            f.modelName(),
                            f.customers()))
                .orElse(null)));
  }

  /** Recency 5 (most recent) at the top, frequency 1 to 5 from the left; empty cells are zero. */
  static List<GridRow> grid(List<ScoreDistribution.GridCell> cells) {
    List<GridRow> rows = new ArrayList<>();
    for (int r = 5; r >= 1; r--) {
      List<ScoreDistribution.GridCell> row = new ArrayList<>();
      for (int f = 1; f <= 5; f++) {
        int recency = r;
        int frequency = f;
        row.add(
            cells.stream()
                .filter(c -> c.recency() == recency && c.frequency() == frequency)
                .findFirst()
                .orElse(new ScoreDistribution.GridCell(recency, frequency, 0, BigDecimal.ZERO)));
      }
      rows.add(new GridRow(r, row));
    }
    return rows;
  }
}
