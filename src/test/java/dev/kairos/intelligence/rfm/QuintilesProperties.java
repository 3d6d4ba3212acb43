package dev.kairos.intelligence.rfm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class QuintilesProperties {

  @Property
  void every_score_is_between_one_and_five(
      @ForAll @Size(min = 1, max = 200) List<@IntRange(min = -50, max = 50) Integer> population,
      @ForAll int probe) {
    Quintiles<Integer> quintiles = Quintiles.of(population);
    assertThat(quintiles.score(probe)).isBetween(1, 5);
    for (int value : population) {
      assertThat(quintiles.score(value)).isBetween(1, 5);
    }
  }

  @Property
  void the_cuts_give_one_plus_five_times_the_share_of_strictly_smaller_values(
      @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0, max = 30) Integer> population,
      @ForAll @IntRange(min = -5, max = 35) int probe) {
    Quintiles<Integer> quintiles = Quintiles.of(population);
    long smaller = population.stream().filter(v -> v < probe).count();
    int expected = 1 + (int) Math.min(4, (5 * smaller) / population.size());
    assertThat(quintiles.score(probe)).isEqualTo(expected);
  }

  @Property
  void a_larger_value_never_scores_lower(
      @ForAll @Size(min = 1, max = 200) List<Integer> population, @ForAll int a, @ForAll int b) {
    Quintiles<Integer> quintiles = Quintiles.of(population);
    int low = Math.min(a, b);
    int high = Math.max(a, b);
    assertThat(quintiles.score(high)).isGreaterThanOrEqualTo(quintiles.score(low));
  }

  @Property
  void the_boundaries_do_not_depend_on_the_order_of_the_input(
      @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0, max = 20) Integer> population,
      @ForAll long seed) {
    List<Integer> shuffled = new ArrayList<>(population);
    Collections.shuffle(shuffled, new Random(seed));
    assertThat(Quintiles.of(shuffled)).isEqualTo(Quintiles.of(population));
  }

  @Property
  void without_ties_each_score_holds_a_fifth_of_the_population(
      @ForAll @IntRange(min = 1, max = 100) int fifths) {
    int n = 5 * fifths;
    List<Integer> population = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      population.add(i * 7 % n); // a permutation of 0..n-1 when gcd(7, n) = 1, else with ties
    }
    List<Integer> distinct = population.stream().distinct().toList();
    Quintiles<Integer> quintiles = Quintiles.of(distinct);
    if (distinct.size() % 5 != 0) {
      return;
    }
    int[] counts = new int[6];
    distinct.forEach(v -> counts[quintiles.score(v)]++);
    for (int s = 1; s <= 5; s++) {
      assertThat(counts[s]).isEqualTo(distinct.size() / 5);
    }
  }
}
