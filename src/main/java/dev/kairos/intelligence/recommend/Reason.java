package dev.kairos.intelligence.recommend;

/** Why a product was recommended, in terms a marketer can show ("because you bought …"). */
public sealed interface Reason {

  /** Often bought together with this product (the strongest contributor). */
  record BoughtTogetherWith(String productId) implements Reason {}

  /** Often viewed in the same sessions as this product. */
  record ViewedTogetherWith(String productId) implements Reason {}

  /** Similar to this product from the person's own history (bought or viewed). */
  record BecauseOfYourInterestIn(String productId) implements Reason {}

  /** The person bought this product before and is likely to buy it again now. */
  record BoughtBefore(String productId) implements Reason {}

  /** Among the most popular products of this category. */
  record PopularInCategory(String category) implements Reason {}

  /** Among the most popular products overall. */
  record PopularOverall() implements Reason {}
}
