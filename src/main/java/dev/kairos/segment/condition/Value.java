package dev.kairos.segment.condition;

import java.math.BigDecimal;
import java.time.Instant;

/** One value a comparison compares with. */
public sealed interface Value {
  /** A string, compared byte for byte. */
  record Text(String text) implements Value {}

  /** A number, compared exactly. */
  record Number(BigDecimal number) implements Value {}

  /** true or false. */
  record Bool(boolean bool) implements Value {}

  /**
   * A date: an ISO date ({@code 2026-05-01}, midnight UTC that day) or an ISO instant with its
   * offset ({@code 2026-05-01T09:30:00+02:00}).
   *
   * @param text as written, for writing the condition back
   */
  record Moment(Instant instant, String text) implements Value {}

  /** A whole number of days or hours, for the relative date operators. */
  record Amount(long amount) implements Value {}
}
