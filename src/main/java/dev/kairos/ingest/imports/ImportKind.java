package dev.kairos.ingest.imports;

import java.util.List;

/** What a file holds, and the fields (Kairos column names) it may have. */
public enum ImportKind {
  /** One person per row, imported as {@code identify} calls. */
  CUSTOMERS(
      "customers",
      List.of("customer_id", "email", "phone", "first_name", "last_name", "created_at")),
  /** One order line per row, imported as {@code Order Completed} and {@code Order Refunded}. */
  ORDERS(
      "orders",
      List.of(
          "order_id",
          "customer_id",
          "email",
          "order_date",
          "product_id",
          "sku",
          "product_name",
          "category",
          "price",
          "quantity",
          "currency",
          "total",
          "type",
          "country"));

  private final String wireName;
  private final List<String> fields;

  ImportKind(String wireName, List<String> fields) {
    this.wireName = wireName;
    this.fields = fields;
  }

  public String wireName() {
    return wireName;
  }

  /** The fields, which are also the default column names of the plain CSV format. */
  public List<String> fields() {
    return fields;
  }
}
