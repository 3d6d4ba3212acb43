package dev.kairos.delivery.store;

import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Catalog facts of products for templates: name, image_url, url, price, currency, in_stock. */
final class CatalogProducts {
  private final Database database;

  CatalogProducts(Database database) {
    this.database = database;
  }

  /** The products found, by id (a product not in the catalog is absent). */
  Map<String, Map<String, Object>> of(Collection<String> productIds) {
    if (productIds.isEmpty()) {
      return Map.of();
    }
    Map<String, Map<String, Object>> found = new HashMap<>();
    database.read(
        c -> {
          for (Map<String, Object> p :
              Sql.list(
                  c,
                  "select product_id, name, image_url, url, price, currency, in_stock, category"
                      + " from products where product_id = any(?::text[])",
                  rs -> {
                    Map<String, Object> product = new LinkedHashMap<>();
                    product.put("product_id", rs.getString(1));
                    product.put("name", rs.getString(2));
                    product.put("image_url", rs.getString(3));
                    product.put("url", rs.getString(4));
                    product.put("price", rs.getBigDecimal(5));
                    product.put("currency", rs.getString(6));
                    product.put("in_stock", rs.getObject(7));
                    product.put("category", rs.getString(8));
                    return product;
                  },
                  Sql.texts(c, new ArrayList<>(productIds)))) {
            found.put((String) p.get("product_id"), p);
          }
          return null;
        });
    return found;
  }

  /** Each line with the catalog's facts for what the line itself lacks. */
  @SuppressWarnings("unchecked")
  void enrich(Object lines) {
    if (!(lines instanceof List<?> list)) {
      return;
    }
    List<String> ids = new ArrayList<>();
    for (Object line : list) {
      if (line instanceof Map<?, ?> m && m.get("product_id") != null) {
        ids.add(m.get("product_id").toString());
      }
    }
    Map<String, Map<String, Object>> products = of(ids);
    for (Object line : list) {
      if (line instanceof Map<?, ?> m && m.get("product_id") != null) {
        Map<String, Object> product = products.get(m.get("product_id").toString());
        if (product != null) {
          product.forEach(
              (k, v) -> {
                if (((Map<String, Object>) m).get(k) == null) {
                  ((Map<String, Object>) m).put(k, v);
                }
              });
        }
      }
    }
  }

  /** The products of these ids, in this order, as far as the catalog knows them. */
  List<Map<String, Object>> list(List<String> ids) {
    Map<String, Map<String, Object>> products = of(ids);
    List<Map<String, Object>> list = new ArrayList<>();
    for (String id : ids) {
      Map<String, Object> p = products.get(id);
      list.add(p != null ? p : new LinkedHashMap<>(Map.of("product_id", id)));
    }
    return list;
  }
}
