package dev.kairos.intelligence.rfm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Rank-based quintile boundaries of one measure, where a larger value is better.
 *
 * <p>Over a population of {@code n} values, a value scores {@code 1 + floor(5 * L / n)}, where
 * {@code L} is the number of values in the population that are strictly smaller. Equal values
 * therefore always get equal scores, the result does not depend on the order of the input, and a
 * larger value never scores lower. Without ties each score holds exactly a fifth of the population
 * (when {@code n} is a multiple of five); a large tie group keeps one score, so other scores hold
 * fewer values (many customers with exactly one order all score F = 1).
 *
 * <p>The same rule is kept as four cut values {@code c1 ≤ c2 ≤ c3 ≤ c4}: a value scores one plus
 * the number of cuts it is strictly greater than. {@code c_s} is the {@code ceil(s * n / 5)}-th
 * smallest value. This form lets one new value be scored without the population.
 *
 * @param cuts the four cut values, in non-decreasing order
 */
public record Quintiles<T extends Comparable<? super T>>(List<T> cuts) {

  public Quintiles {
    cuts = List.copyOf(cuts);
    if (cuts.size() != 4) {
      throw new IllegalArgumentException("quintiles have four cuts, got " + cuts.size());
    }
    for (int i = 1; i < 4; i++) {
      if (cuts.get(i - 1).compareTo(cuts.get(i)) > 0) {
        throw new IllegalArgumentException("cuts must not decrease: " + cuts);
      }
    }
  }

  /** The boundaries of a non-empty population. */
  public static <T extends Comparable<? super T>> Quintiles<T> of(Collection<T> population) {
    if (population.isEmpty()) {
      throw new IllegalArgumentException("quintiles of an empty population");
    }
    List<T> sorted = new ArrayList<>(population);
    sorted.sort(null);
    int n = sorted.size();
    List<T> cuts = new ArrayList<>(4);
    for (int s = 1; s <= 4; s++) {
      int rank = (s * n + 4) / 5; // ceil(s * n / 5), at least 1
      cuts.add(sorted.get(rank - 1));
    }
    return new Quintiles<>(cuts);
  }

  /** The score 1..5 of a value. */
  public int score(T value) {
    int score = 1;
    for (T cut : cuts) {
      if (value.compareTo(cut) > 0) {
        score++;
      }
    }
    return score;
  }
}
