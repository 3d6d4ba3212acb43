package dev.kairos.intelligence.recommend;

/** What a person did with a product: bought it, or looked at it. */
public enum InteractionKind {
  PURCHASE,
  VIEW
}
