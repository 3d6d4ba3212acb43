package dev.kairos.intelligence.clv;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The unit in which the models measure time. Parameters such as the BG/NBD {@code alpha} are
 * expressed in this unit; the published CDNOW estimates are in weeks.
 */
public enum ClvTimeUnit {
  DAYS(1.0),
  WEEKS(7.0);

  private final double days;

  ClvTimeUnit(double days) {
    this.days = days;
  }

  /** Length of one unit in days. */
  public double days() {
    return days;
  }

  /**
   * The time from {@code from} to {@code to}, in this unit (negative when {@code to} is earlier).
   */
  public double between(LocalDate from, LocalDate to) {
    return ChronoUnit.DAYS.between(from, to) / days;
  }

  /** A duration given in days, converted to this unit. */
  public double fromDays(double durationInDays) {
    return durationInDays / days;
  }

  /** A duration in this unit, converted to days. */
  public double toDays(double duration) {
    return duration * days;
  }
}
