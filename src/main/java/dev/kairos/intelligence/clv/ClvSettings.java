package dev.kairos.intelligence.clv;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How {@link ClvPredictions} fits and predicts: the model, the time unit, the minimum-data rule,
 * the value horizon and the time zone in which an order's instant becomes a calendar day.
 */
public record ClvSettings(
    RepeatPurchaseModelChoice model,
    ClvTimeUnit timeUnit,
    MinimumData minimumData,
    ValueHorizon horizon,
    ZoneId zone) {

  /** BG/NBD, weeks, 100 customers / 20 repeat buyers, 12 months at 1 %, UTC days. */
  public static final ClvSettings DEFAULT =
      new ClvSettings(
          RepeatPurchaseModelChoice.BGNBD,
          ClvTimeUnit.WEEKS,
          MinimumData.DEFAULT,
          ValueHorizon.DEFAULT,
          ZoneOffset.UTC);

  public ClvSettings {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(timeUnit, "timeUnit");
    Objects.requireNonNull(minimumData, "minimumData");
    Objects.requireNonNull(horizon, "horizon");
    Objects.requireNonNull(zone, "zone");
  }

  public ClvSettings withZone(ZoneId newZone) {
    return new ClvSettings(model, timeUnit, minimumData, horizon, newZone);
  }
}
