package dev.kairos.app.demo;

import java.math.BigDecimal;
import java.util.List;

/** The demo shop's products: kitchenware, textiles, and consumables people run out of. */
final class DemoCatalog {
  private DemoCatalog() {}

  /** A product; a consumable is bought again when it runs out, about every {@code daysToUse}. */
  record Item(String id, String name, String category, BigDecimal price, int daysToUse) {
    boolean consumable() {
      return daysToUse > 0;
    }
  }

  static final List<Item> ITEMS =
      List.of(
          new Item("mug-001", "Stoneware Mug", "Kitchen", new BigDecimal("12.00"), 0),
          new Item("tea-010", "Breakfast Tea 250g", "Pantry", new BigDecimal("6.50"), 30),
          new Item("pot-100", "Tea Pot", "Kitchen", new BigDecimal("34.00"), 0),
          new Item("apr-200", "Linen Apron", "Textiles", new BigDecimal("24.00"), 0),
          new Item("cof-020", "Coffee Beans 1kg", "Pantry", new BigDecimal("21.00"), 28),
          new Item("twl-300", "Tea Towel Set", "Textiles", new BigDecimal("15.00"), 0),
          new Item("grd-400", "Coffee Grinder", "Kitchen", new BigDecimal("59.00"), 0),
          new Item("flt-030", "Coffee Filters x100", "Pantry", new BigDecimal("4.20"), 45),
          new Item("grn-040", "Green Tea 100g", "Pantry", new BigDecimal("7.90"), 35),
          new Item("dsc-050", "Descaler 500ml", "Pantry", new BigDecimal("8.50"), 90),
          new Item("cup-110", "Espresso Cups x4", "Kitchen", new BigDecimal("18.00"), 0),
          new Item("frn-120", "French Press", "Kitchen", new BigDecimal("29.00"), 0),
          new Item("kcs-500", "Copper Kettle", "Kitchen", new BigDecimal("89.00"), 0),
          new Item("nap-310", "Linen Napkins x6", "Textiles", new BigDecimal("32.00"), 0),
          new Item("trv-130", "Travel Mug", "Kitchen", new BigDecimal("16.00"), 0),
          new Item("hon-060", "Wildflower Honey", "Pantry", new BigDecimal("9.00"), 40));

  static List<Item> consumables() {
    return ITEMS.stream().filter(Item::consumable).toList();
  }

  static List<Item> durables() {
    return ITEMS.stream().filter(i -> !i.consumable()).toList();
  }
}
