package dev.kairos.intelligence.rfm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuintilesTest {

  @Test
  void ten_distinct_values_fall_two_to_each_score() {
    Quintiles<Integer> q = Quintiles.of(List.of(10, 9, 8, 7, 6, 5, 4, 3, 2, 1));
    assertThat(q.cuts()).containsExactly(2, 4, 6, 8);
    assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10).stream().map(q::score))
        .containsExactly(1, 1, 2, 2, 3, 3, 4, 4, 5, 5);
  }

  @Test
  void equal_values_share_the_score_of_the_lowest_rank_among_them() {
    // six customers with one order, two with two, one each with three and four
    Quintiles<Integer> q = Quintiles.of(List.of(1, 1, 1, 1, 1, 1, 2, 2, 3, 4));
    assertThat(q.score(1)).isEqualTo(1); // nobody is below them
    assertThat(q.score(2)).isEqualTo(4); // 6 of 10 below: 1 + floor(3.0)
    assertThat(q.score(3)).isEqualTo(5); // 8 of 10 below
    assertThat(q.score(4)).isEqualTo(5);
  }

  @Test
  void a_single_customer_or_an_all_equal_population_scores_one() {
    assertThat(Quintiles.of(List.of(7)).score(7)).isEqualTo(1);
    assertThat(Quintiles.of(List.of(3, 3, 3)).score(3)).isEqualTo(1);
    assertThat(Quintiles.of(List.of(3, 3, 3)).score(4)).isEqualTo(5);
  }

  @Test
  void an_empty_population_has_no_quintiles() {
    assertThatThrownBy(() -> Quintiles.of(List.<Integer>of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
