package dev.kairos.intelligence.rfm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RfmProperties {
  private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");
  private final RfmScoring scoring = new RfmScoring(RfmSettings.defaults());

  @Provide
  Arbitrary<List<CustomerOrder>> orders() {
    Arbitrary<CustomerOrder> order =
        Combinators.combine(
                Arbitraries.integers().between(1, 40),
                Arbitraries.integers().between(0, 500),
                Arbitraries.integers().between(1, 5000))
            .as(
                (profile, hoursAgo, cents) ->
                    new CustomerOrder(
                        new UUID(0, profile),
                        NOW.minus(Duration.ofHours(hoursAgo * 20L)),
                        BigDecimal.valueOf(cents, 2)));
    return order.list().ofMinSize(1).ofMaxSize(150);
  }

  @Property
  void scores_are_between_one_and_five(@ForAll("orders") List<CustomerOrder> orders) {
    for (ProfileRfm p : scoring.recompute(orders, NOW).profiles().values()) {
      RfmScore s = p.score();
      assertThat(List.of(s.recency(), s.frequency(), s.monetary())).allMatch(v -> v >= 1 && v <= 5);
    }
  }

  @Property
  void a_strictly_more_recent_last_order_never_gets_a_lower_recency_score(
      @ForAll("orders") List<CustomerOrder> orders) {
    List<ProfileRfm> all = new ArrayList<>(scoring.recompute(orders, NOW).profiles().values());
    for (ProfileRfm a : all) {
      for (ProfileRfm b : all) {
        if (a.facts().lastOrderAt().isAfter(b.facts().lastOrderAt())) {
          assertThat(a.score().recency()).isGreaterThanOrEqualTo(b.score().recency());
        }
        if (a.facts().orders() > b.facts().orders()) {
          assertThat(a.score().frequency()).isGreaterThanOrEqualTo(b.score().frequency());
        }
        if (a.facts().monetary().compareTo(b.facts().monetary()) > 0) {
          assertThat(a.score().monetary()).isGreaterThanOrEqualTo(b.score().monetary());
        }
      }
    }
  }

  @Property
  void equal_facts_get_equal_scores(@ForAll("orders") List<CustomerOrder> orders) {
    List<ProfileRfm> all = new ArrayList<>(scoring.recompute(orders, NOW).profiles().values());
    for (ProfileRfm a : all) {
      for (ProfileRfm b : all) {
        if (a.facts().orders() == b.facts().orders()) {
          assertThat(a.score().frequency()).isEqualTo(b.score().frequency());
        }
      }
    }
  }

  @Property
  void the_result_does_not_depend_on_the_order_of_the_input(
      @ForAll("orders") List<CustomerOrder> orders, @ForAll long seed) {
    List<CustomerOrder> shuffled = new ArrayList<>(orders);
    Collections.shuffle(shuffled, new Random(seed));
    assertThat(scoring.recompute(shuffled, NOW)).isEqualTo(scoring.recompute(orders, NOW));
  }

  @Property
  void rescoring_against_fresh_boundaries_agrees_with_the_recompute(
      @ForAll("orders") List<CustomerOrder> orders) {
    RfmSnapshot snapshot = scoring.recompute(orders, NOW);
    if (snapshot.boundaries().isEmpty()) {
      assertThat(snapshot.profiles()).isEmpty();
      return;
    }
    RfmBoundaries boundaries = snapshot.boundaries().get();
    for (ProfileRfm p : snapshot.profiles().values()) {
      List<CustomerOrder> own =
          orders.stream().filter(o -> o.profileId().equals(p.profileId())).toList();
      assertThat(scoring.rescore(p.profileId(), own, NOW, boundaries)).contains(p);
    }
  }
}
