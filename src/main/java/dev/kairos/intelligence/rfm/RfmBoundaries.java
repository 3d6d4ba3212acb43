package dev.kairos.intelligence.rfm;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The quintile boundaries of one full RFM recompute: what a customer must beat to reach each score.
 * Kept so that a profile whose orders changed can be rescored without recomputing everyone.
 *
 * <p>Recency is ranked on the last order time itself (later is better). That orders customers
 * exactly as "days since the last order" would, without rounding to days, and the cuts stay
 * meaningful as time passes: a profile rescored tomorrow is compared with the same instants.
 *
 * @param asOf the {@code now} of the recompute
 * @param windowStart the earliest order time that counted
 * @param customers how many customers were ranked
 */
public record RfmBoundaries(
    Instant asOf,
    Instant windowStart,
    int customers,
    Quintiles<Instant> recency,
    Quintiles<Integer> frequency,
    Quintiles<BigDecimal> monetary) {

  public RfmBoundaries {
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(windowStart, "windowStart");
    Objects.requireNonNull(recency, "recency");
    Objects.requireNonNull(frequency, "frequency");
    Objects.requireNonNull(monetary, "monetary");
  }

  /** The scores of a customer's facts against these boundaries. */
  public RfmScore score(RfmFacts facts) {
    return new RfmScore(
        recency.score(facts.lastOrderAt()),
        frequency.score(facts.orders()),
        monetary.score(facts.monetary()));
  }
}
