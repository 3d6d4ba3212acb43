package dev.kairos.commerce.store;

import dev.kairos.commerce.Order;
import dev.kairos.commerce.OrderBook;
import dev.kairos.commerce.OrderLine;
import dev.kairos.commerce.OrderStatus;
import dev.kairos.commerce.Product;
import dev.kairos.platform.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The catalog, orders and order lines. */
public final class CommerceStore {

  /** The stored state of the given orders (those that exist). */
  public List<OrderBook.Entry> orders(Connection c, Collection<String> orderIds)
      throws SQLException {
    List<OrderBook.Entry> entries = new ArrayList<>();
    if (orderIds.isEmpty()) {
      return entries;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "select order_id, profile_id, status, revenue, refunded from orders"
                + " where order_id = any(?::text[])")) {
      ps.setArray(1, Sql.texts(c, orderIds));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          entries.add(
              new OrderBook.Entry(
                  rs.getString(1),
                  rs.getObject(2, UUID.class),
                  OrderStatus.fromWireName(rs.getString(3)),
                  rs.getBigDecimal(4),
                  rs.getBigDecimal(5),
                  null));
        }
      }
    }
    return entries;
  }

  /** Writes orders placed (with their lines) and the new state of orders refunded or cancelled. */
  public void save(Connection c, List<OrderBook.Entry> changed, String source, Instant now)
      throws SQLException {
    List<OrderBook.Entry> placed = new ArrayList<>();
    List<OrderBook.Entry> updated = new ArrayList<>();
    for (OrderBook.Entry entry : changed) {
      (entry.placed() != null ? placed : updated).add(entry);
    }
    insert(c, placed, source, now);
    lines(c, placed);
    update(c, updated, now);
  }

  private void insert(Connection c, List<OrderBook.Entry> placed, String source, Instant now)
      throws SQLException {
    if (placed.isEmpty()) {
      return;
    }
    List<String> ids = new ArrayList<>();
    List<UUID> profiles = new ArrayList<>();
    List<String> statuses = new ArrayList<>();
    List<String> revenues = new ArrayList<>();
    List<String> refunded = new ArrayList<>();
    List<String> currencies = new ArrayList<>();
    List<String> coupons = new ArrayList<>();
    List<String> discounts = new ArrayList<>();
    List<String> placedAt = new ArrayList<>();
    for (OrderBook.Entry e : placed) {
      Order o = e.placed();
      ids.add(e.orderId());
      profiles.add(e.profileId());
      statuses.add(e.status().wireName());
      revenues.add(e.revenue().toPlainString());
      refunded.add(e.refunded().toPlainString());
      currencies.add(o.currency());
      coupons.add(o.coupon());
      discounts.add(Sql.text(o.discount()));
      placedAt.add(o.placedAt().toString());
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into orders (order_id, profile_id, status, revenue, refunded, currency,"
                + " coupon, discount, placed_at, updated_at, source)"
                + " select u.*, ?, ? from unnest(?::text[], ?::uuid[], ?::text[], ?::numeric[],"
                + " ?::numeric[], ?::text[], ?::text[], ?::numeric[], ?::timestamptz[]) as u"
                + " on conflict (order_id) do nothing")) {
      ps.setTimestamp(1, Sql.timestamp(now));
      ps.setString(2, source);
      ps.setArray(3, Sql.texts(c, ids));
      ps.setArray(4, Sql.uuids(c, profiles));
      int i = 5;
      for (List<String> column :
          List.of(statuses, revenues, refunded, currencies, coupons, discounts, placedAt)) {
        ps.setArray(i++, Sql.texts(c, column));
      }
      ps.executeUpdate();
    }
  }

  private void lines(Connection c, List<OrderBook.Entry> placed) throws SQLException {
    List<String> orderIds = new ArrayList<>();
    List<String> lineNos = new ArrayList<>();
    List<String> productIds = new ArrayList<>();
    List<String> skus = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> categories = new ArrayList<>();
    List<String> prices = new ArrayList<>();
    List<String> quantities = new ArrayList<>();
    for (OrderBook.Entry e : placed) {
      int no = 1;
      for (OrderLine line : e.placed().lines()) {
        orderIds.add(e.orderId());
        lineNos.add(Integer.toString(no++));
        productIds.add(line.productId());
        skus.add(line.sku());
        names.add(line.name());
        categories.add(line.category());
        prices.add(Sql.text(line.price()));
        quantities.add(Integer.toString(line.quantity()));
      }
    }
    if (orderIds.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into order_lines (order_id, line_no, product_id, sku, name, category, price,"
                + " quantity) select * from unnest(?::text[], ?::integer[], ?::text[], ?::text[],"
                + " ?::text[], ?::text[], ?::numeric[], ?::integer[])"
                + " on conflict (order_id, line_no) do nothing")) {
      int i = 1;
      for (List<String> column :
          List.of(orderIds, lineNos, productIds, skus, names, categories, prices, quantities)) {
        ps.setArray(i++, Sql.texts(c, column));
      }
      ps.executeUpdate();
    }
  }

  private void update(Connection c, List<OrderBook.Entry> updated, Instant now)
      throws SQLException {
    if (updated.isEmpty()) {
      return;
    }
    List<String> ids = new ArrayList<>();
    List<String> statuses = new ArrayList<>();
    List<String> refunded = new ArrayList<>();
    for (OrderBook.Entry e : updated) {
      ids.add(e.orderId());
      statuses.add(e.status().wireName());
      refunded.add(e.refunded().toPlainString());
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "update orders o set status = u.status, refunded = u.refunded, updated_at = ?"
                + " from unnest(?::text[], ?::text[], ?::numeric[]) as u(order_id, status,"
                + " refunded) where o.order_id = u.order_id")) {
      ps.setTimestamp(1, Sql.timestamp(now));
      ps.setArray(2, Sql.texts(c, ids));
      ps.setArray(3, Sql.texts(c, statuses));
      ps.setArray(4, Sql.texts(c, refunded));
      ps.executeUpdate();
    }
  }

  /** Upserts catalog entries; a field an event leaves out keeps its stored value. */
  public void upsertProducts(Connection c, Collection<Product> products, Instant now)
      throws SQLException {
    if (products.isEmpty()) {
      return;
    }
    List<String> ids = new ArrayList<>();
    List<String> skus = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> brands = new ArrayList<>();
    List<String> categories = new ArrayList<>();
    List<String> prices = new ArrayList<>();
    List<String> currencies = new ArrayList<>();
    List<String> urls = new ArrayList<>();
    List<String> images = new ArrayList<>();
    for (Product p : products) {
      ids.add(p.productId());
      skus.add(p.sku());
      names.add(p.name());
      brands.add(p.brand());
      categories.add(p.category());
      prices.add(Sql.text(p.price()));
      currencies.add(p.currency());
      urls.add(p.url());
      images.add(p.imageUrl());
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into products (product_id, sku, name, brand, category, price, currency, url,"
                + " image_url, updated_at) select u.*, ? from unnest(?::text[], ?::text[],"
                + " ?::text[], ?::text[], ?::text[], ?::numeric[], ?::text[], ?::text[],"
                + " ?::text[]) as u on conflict (product_id) do update set"
                + " sku = coalesce(excluded.sku, products.sku),"
                + " name = coalesce(excluded.name, products.name),"
                + " brand = coalesce(excluded.brand, products.brand),"
                + " category = coalesce(excluded.category, products.category),"
                + " price = coalesce(excluded.price, products.price),"
                + " currency = coalesce(excluded.currency, products.currency),"
                + " url = coalesce(excluded.url, products.url),"
                + " image_url = coalesce(excluded.image_url, products.image_url),"
                + " updated_at = excluded.updated_at")) {
      ps.setTimestamp(1, Sql.timestamp(now));
      int i = 2;
      for (List<String> column :
          List.of(ids, skus, names, brands, categories, prices, currencies, urls, images)) {
        ps.setArray(i++, Sql.texts(c, column));
      }
      ps.executeUpdate();
    }
  }
}
