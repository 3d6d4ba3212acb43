package dev.kairos.intelligence.recommend;

/**
 * A named way of choosing products, and the subject it needs (see {@link Subject}). Each
 * recommendation says which strategy produced it; a fallback is produced by {@link #POPULAR} or
 * {@link #POPULAR_IN_CATEGORY}.
 */
public enum Strategy {
  /**
   * Products often in the same orders as the cart's products ({@link Subject.Cart}), or as the
   * products of a person's most recent order ({@link Subject.Person}).
   */
  FREQUENTLY_BOUGHT_TOGETHER,
  /** Products often viewed in the same sessions as a product ({@link Subject.Product}). */
  CUSTOMERS_ALSO_VIEWED,
  /**
   * Products similar to what a person bought and viewed ({@link Subject.Person}), weighted by
   * recency; purchases count more than views.
   */
  BASED_ON_YOUR_HISTORY,
  /** The most popular products of a category ({@link Subject.Category}). */
  POPULAR_IN_CATEGORY,
  /**
   * The best products for a person ({@link Subject.Person}) that they have not bought: their
   * history score blended with a popularity prior, so a thin history still yields good offers.
   */
  NEXT_BEST_OFFER,
  /** The most popular products now ({@link Subject.Anyone} or {@link Subject.Person}). */
  POPULAR,
  /**
   * The person's own past products ({@link Subject.Person}), most likely to be bought again now
   * first: how often and how recently they bought each, how many units, and whether the product's
   * usual repurchase interval has passed since the last order.
   */
  BUY_AGAIN,
  /**
   * The default for a person ({@link Subject.Person}): products to buy again and new products
   * (bought or viewed together with their history, popular in their categories) ranked together by
   * one score (see {@link ForYouWeights}). Someone without history gets the new-customer list:
   * popularity now blended with what is trending.
   */
  FOR_YOU;

  /** Whether this strategy lists products the person bought before (its purpose, not a slip). */
  public boolean repeatsPurchases() {
    return this == BUY_AGAIN || this == FOR_YOU;
  }

  /** Whether this strategy accepts the subject. */
  public boolean accepts(Subject subject) {
    return switch (this) {
      case FREQUENTLY_BOUGHT_TOGETHER ->
          subject instanceof Subject.Cart || subject instanceof Subject.Person;
      case CUSTOMERS_ALSO_VIEWED -> subject instanceof Subject.Product;
      case BASED_ON_YOUR_HISTORY, NEXT_BEST_OFFER, BUY_AGAIN, FOR_YOU ->
          subject instanceof Subject.Person;
      case POPULAR_IN_CATEGORY -> subject instanceof Subject.Category;
      case POPULAR -> subject instanceof Subject.Anyone || subject instanceof Subject.Person;
    };
  }
}
