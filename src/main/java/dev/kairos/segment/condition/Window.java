package dev.kairos.segment.condition;

import java.time.LocalDate;

/**
 * Which of a person's events a {@code performed} condition counts. Events are counted by the UTC
 * day they occurred on.
 */
public sealed interface Window {
  /** Every event the person ever performed. */
  record Ever() implements Window {}

  /**
   * Events of today (UTC) and the {@code days} days before it: the window starts at midnight UTC
   * {@code days} days ago ({@code "within_days": 30}).
   */
  record WithinDays(int days) implements Window {}

  /**
   * Events of the last {@code hours} hours, to the microsecond: those after {@code now - hours}
   * ({@code "within_hours": 24}). Read from the events themselves, not the day counters.
   */
  record WithinHours(int hours) implements Window {}

  /** Events on the days from {@code from} to {@code to}, both included, UTC ({@code "between"}). */
  record Between(LocalDate from, LocalDate to) implements Window {}
}
