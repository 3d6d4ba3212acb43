package dev.kairos.intelligence.rfm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RfmCellTest {

  @Test
  void every_cell_is_reached_by_some_score_and_every_score_has_a_cell() {
    Set<RfmCell> reached = EnumSet.noneOf(RfmCell.class);
    for (int r = 1; r <= 5; r++) {
      for (int f = 1; f <= 5; f++) {
        for (int m = 1; m <= 5; m++) {
          reached.add(new RfmScore(r, f, m).cell());
        }
      }
    }
    assertThat(reached).containsExactlyInAnyOrder(RfmCell.values());
  }

  @Test
  void the_grid_reads_as_documented() {
    assertThat(new RfmScore(5, 5, 5).cell()).isEqualTo(RfmCell.CHAMPIONS);
    assertThat(new RfmScore(5, 4, 3).cell()).isEqualTo(RfmCell.CHAMPIONS); // FM = 4
    assertThat(new RfmScore(4, 5, 5).cell()).isEqualTo(RfmCell.LOYAL);
    assertThat(new RfmScore(3, 4, 4).cell()).isEqualTo(RfmCell.LOYAL);
    assertThat(new RfmScore(5, 1, 1).cell()).isEqualTo(RfmCell.NEW);
    assertThat(new RfmScore(5, 1, 2).cell()).isEqualTo(RfmCell.POTENTIAL_LOYALIST); // FM = 2
    assertThat(new RfmScore(4, 1, 1).cell()).isEqualTo(RfmCell.PROMISING);
    assertThat(new RfmScore(3, 3, 3).cell()).isEqualTo(RfmCell.NEED_ATTENTION);
    assertThat(new RfmScore(3, 1, 2).cell()).isEqualTo(RfmCell.ABOUT_TO_SLEEP);
    assertThat(new RfmScore(2, 3, 4).cell()).isEqualTo(RfmCell.AT_RISK);
    assertThat(new RfmScore(1, 5, 5).cell()).isEqualTo(RfmCell.CANNOT_LOSE_THEM);
    assertThat(new RfmScore(2, 1, 2).cell()).isEqualTo(RfmCell.HIBERNATING);
    assertThat(new RfmScore(1, 1, 1).cell()).isEqualTo(RfmCell.LOST);
    assertThat(RfmCell.CANNOT_LOSE_THEM.label()).isEqualTo("Can't Lose Them");
  }

  @Test
  void frequency_monetary_is_the_mean_rounded_half_up() {
    assertThat(new RfmScore(1, 1, 2).frequencyMonetary()).isEqualTo(2);
    assertThat(new RfmScore(1, 2, 2).frequencyMonetary()).isEqualTo(2);
    assertThat(new RfmScore(1, 4, 5).frequencyMonetary()).isEqualTo(5);
    assertThat(new RfmScore(1, 1, 5).frequencyMonetary()).isEqualTo(3);
    assertThat(new RfmScore(3, 4, 5).code()).isEqualTo("345");
  }

  @Test
  void scores_outside_one_to_five_are_refused() {
    assertThatThrownBy(() -> new RfmScore(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RfmCell.of(1, 6)).isInstanceOf(IllegalArgumentException.class);
  }
}
