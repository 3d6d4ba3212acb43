package dev.kairos.console.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kairos.platform.http.Json;
import java.util.List;

/**
 * An ECharts chart as the console's script draws it: categories along x and one or more series. It
 * reaches the page as JSON in a {@code data-chart} attribute (escaped like any attribute).
 */
public record Chart(
    String type,
    List<String> x,
    List<Series> series,
    boolean stacked,
    String yName,
    boolean y2,
    String y2Name) {

  /** A named series; {@code axis} 1 draws it against the second y axis. */
  public record Series(String name, String type, List<? extends Number> data, int axis) {}

  public static Chart bars(List<String> x, List<Series> series, boolean stacked) {
    return new Chart("bar", x, series, stacked, "", false, "");
  }

  public String json() {
    try {
      return Json.MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
