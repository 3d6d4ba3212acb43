package dev.kairos.intelligence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.intelligence.ServingRecommendations.ShopSize;
import org.junit.jupiter.api.Test;

/** When the served model is too old for the shop (docs/decisions/0020). */
class ModelFreshnessTest {

  @Test
  void a_model_built_without_orders_is_outgrown_by_the_first_order() {
    assertThat(new ShopSize(1, 0).outgrows(new ShopSize(0, 0))).isTrue();
    assertThat(new ShopSize(0, 5).outgrows(new ShopSize(0, 5))).isFalse();
  }

  @Test
  void orders_or_products_moving_by_a_tenth_outgrow_the_model_less_does_not() {
    ShopSize built = new ShopSize(1_000, 200);
    assertThat(new ShopSize(1_099, 219).outgrows(built)).isFalse();
    assertThat(new ShopSize(1_100, 200).outgrows(built)).isTrue();
    assertThat(new ShopSize(1_000, 180).outgrows(built)).isTrue();
    assertThat(new ShopSize(900, 200).outgrows(built)).isTrue();
  }
}
