package dev.kairos.intelligence.rfm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFM on a real shop's history: the UCI Online Retail transactions (2010-12 … 2011-12). */
class RfmOnOnlineRetailTest {
  /** The day after the last invoice. */
  static final Instant NOW = Instant.parse("2011-12-10T00:00:00Z");

  private static RfmSnapshot snapshot;

  @BeforeAll
  static void score() {
    snapshot = new RfmScoring(RfmSettings.defaults()).recompute(OnlineRetail.orders(), NOW);
  }

  @Test
  void every_customer_who_bought_in_the_last_year_is_scored() {
    // of the 4,372 identified customers, those with an order in [NOW - 365 days, NOW]
    long inWindow =
        OnlineRetail.orders().stream()
            .filter(o -> !o.placedAt().isBefore(NOW.minus(Duration.ofDays(365))))
            .filter(o -> !o.placedAt().isAfter(NOW))
            .map(CustomerOrder::profileId)
            .distinct()
            .count();
    assertThat(snapshot.profiles()).hasSize((int) inWindow);
    assertThat(inWindow).isLessThan(4_372); // some bought only before the window
  }

  @Test
  void recency_and_monetary_scores_each_hold_about_a_fifth_of_the_customers() {
    Collection<ProfileRfm> all = snapshot.profiles().values();
    for (ToIntFunction<RfmScore> measure :
        List.<ToIntFunction<RfmScore>>of(RfmScore::recency, RfmScore::monetary)) {
      double[] share = shares(all, measure);
      for (int s = 1; s <= 5; s++) {
        assertThat(share[s]).as("share of score %d", s).isBetween(0.17, 0.23);
      }
    }
  }

  @Test
  void frequency_ties_keep_one_time_buyers_together_at_score_one() {
    Collection<ProfileRfm> all = snapshot.profiles().values();
    double[] share = shares(all, RfmScore::frequency);
    long oneTimers = all.stream().filter(p -> p.facts().orders() == 1).count();
    assertThat(share[1]).isEqualTo((double) oneTimers / all.size());
    // about a third bought once: more than a fifth at F = 1, so some higher score holds fewer
    assertThat(share[1]).isBetween(0.25, 0.45);
    assertThat(share[5]).isBetween(0.10, 0.25);
    for (int s = 1; s <= 5; s++) {
      assertThat(share[s]).as("share of F = %d", s).isLessThan(0.45);
    }
  }

  @Test
  void champions_spend_more_and_bought_more_recently_than_lost_customers() {
    Map<RfmCell, double[]> stats = cellStats(snapshot.profiles().values());
    double[] champions = stats.get(RfmCell.CHAMPIONS);
    double[] lost = stats.get(RfmCell.LOST);
    double[] cannotLose = stats.get(RfmCell.CANNOT_LOSE_THEM);
    assertThat(champions[1]).isGreaterThan(5 * lost[1]); // mean monetary
    assertThat(champions[2]).isLessThan(lost[2] / 5); // mean days since last order
    assertThat(champions[3]).isGreaterThan(lost[3]); // mean orders
    assertThat(cannotLose[1]).isGreaterThan(lost[1]);
    assertThat(cannotLose[2]).isGreaterThan(champions[2]);
    assertThat(stats.keySet()).containsExactlyInAnyOrder(RfmCell.values());
  }

  static double[] shares(Collection<ProfileRfm> all, ToIntFunction<RfmScore> measure) {
    int[] count = new int[6];
    for (ProfileRfm p : all) {
      count[measure.applyAsInt(p.score())]++;
    }
    double[] share = new double[6];
    for (int s = 1; s <= 5; s++) {
      share[s] = (double) count[s] / all.size();
    }
    return share;
  }

  /** Per cell: count, mean monetary, mean days since last order, mean orders. */
  static Map<RfmCell, double[]> cellStats(Collection<ProfileRfm> all) {
    Map<RfmCell, double[]> stats = new EnumMap<>(RfmCell.class);
    for (ProfileRfm p : all) {
      double[] s = stats.computeIfAbsent(p.cell(), c -> new double[4]);
      s[0]++;
      s[1] += p.facts().monetary().doubleValue();
      s[2] += p.facts().recency(NOW).toHours() / 24.0;
      s[3] += p.facts().orders();
    }
    stats
        .values()
        .forEach(
            s -> {
              for (int i = 1; i < 4; i++) {
                s[i] /= s[0];
              }
            });
    return stats;
  }
}
