package dev.kairos.intelligence.recommend;

import java.util.Objects;

/**
 * What the recommender needs to know about one product.
 *
 * @param productId the product id
 * @param category its category, or {@code null} when unknown
 * @param inStock whether it can be shipped now
 * @param available whether the shop offers it at all (false: discontinued, hidden, or excluded from
 *     recommendations, such as postage or gift cards)
 * @param consumable whether people buy it again (coffee, ink): a consumable product bought before
 *     may be recommended again, other products never are
 */
public record CatalogEntry(
    String productId, String category, boolean inStock, boolean available, boolean consumable) {

  public CatalogEntry {
    Objects.requireNonNull(productId, "productId");
  }

  /** An ordinary product: in stock, available, not consumable. */
  public static CatalogEntry product(String productId, String category) {
    return new CatalogEntry(productId, category, true, true, false);
  }

  public CatalogEntry outOfStock() {
    return new CatalogEntry(productId, category, false, available, consumable);
  }

  public CatalogEntry unavailable() {
    return new CatalogEntry(productId, category, inStock, false, consumable);
  }

  public CatalogEntry asConsumable() {
    return new CatalogEntry(productId, category, inStock, available, true);
  }

  /** Whether the product may be shown at all (to anyone). */
  public boolean recommendable() {
    return inStock && available;
  }
}
