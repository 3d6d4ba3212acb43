package dev.kairos.intelligence.recommend;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog as the recommender sees it: product id to {@link CatalogEntry}.
 *
 * <p>Products that appear in interactions but not in the catalog follow the catalog's rule for
 * unlisted products: either they are treated as ordinary products without a category ({@link
 * #openCatalog}), or they are never recommended ({@link #closedCatalog}). A shop that sends its
 * full catalog wants the closed rule (an unlisted product was deleted); a file of orders with no
 * catalog wants the open rule.
 */
public final class Catalog {
  private final Map<String, CatalogEntry> entries;
  private final boolean unlistedRecommendable;

  private Catalog(Map<String, CatalogEntry> entries, boolean unlistedRecommendable) {
    this.entries = entries;
    this.unlistedRecommendable = unlistedRecommendable;
  }

  /** Unlisted products are ordinary products (in stock, available, not consumable). */
  public static Catalog openCatalog(Collection<CatalogEntry> entries) {
    return new Catalog(index(entries), true);
  }

  /** Unlisted products are never recommended. */
  public static Catalog closedCatalog(Collection<CatalogEntry> entries) {
    return new Catalog(index(entries), false);
  }

  private static Map<String, CatalogEntry> index(Collection<CatalogEntry> entries) {
    Map<String, CatalogEntry> map = new LinkedHashMap<>();
    for (CatalogEntry e : entries) {
      map.put(e.productId(), e);
    }
    return map;
  }

  public Optional<CatalogEntry> find(String productId) {
    return Optional.ofNullable(entries.get(productId));
  }

  /** The entry for a product, applying the rule for unlisted products. */
  public CatalogEntry entryOf(String productId) {
    CatalogEntry e = entries.get(productId);
    if (e != null) {
      return e;
    }
    return new CatalogEntry(productId, null, true, unlistedRecommendable, false);
  }

  public Collection<CatalogEntry> entries() {
    return entries.values();
  }
}
