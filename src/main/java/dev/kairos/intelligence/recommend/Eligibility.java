package dev.kairos.intelligence.recommend;

/**
 * The catalog resolved onto the model's product indexes: which products may be shown at all, which
 * may be shown again to a person who bought them, and each product's category. Cheap to rebuild
 * when stock changes ({@link Recommender#withCatalog}).
 */
final class Eligibility {
  final boolean[] recommendable;
  final boolean[] consumable;
  final int[] category;
  final IdIndex categories;

  private Eligibility(
      boolean[] recommendable, boolean[] consumable, int[] category, IdIndex categories) {
    this.recommendable = recommendable;
    this.consumable = consumable;
    this.category = category;
    this.categories = categories;
  }

  static Eligibility resolve(Catalog catalog, IdIndex products) {
    int n = products.size();
    boolean[] recommendable = new boolean[n];
    boolean[] consumable = new boolean[n];
    int[] category = new int[n];
    IdIndex categories = new IdIndex();
    for (int i = 0; i < n; i++) {
      CatalogEntry entry = catalog.entryOf(products.id(i));
      recommendable[i] = entry.recommendable();
      consumable[i] = entry.consumable();
      category[i] = entry.category() == null ? -1 : categories.intern(entry.category());
    }
    return new Eligibility(recommendable, consumable, category, categories);
  }
}
