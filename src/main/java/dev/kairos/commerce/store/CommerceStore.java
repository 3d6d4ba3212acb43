package dev.kairos.commerce.store;

import dev.kairos.commerce.Order;
import dev.kairos.commerce.OrderBook;
import dev.kairos.commerce.OrderLine;
import dev.kairos.commerce.OrderStatus;
import dev.kairos.commerce.Product;
import dev.kairos.platform.db.Columns;
import dev.kairos.platform.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The catalog, orders and order lines. */
public final class CommerceStore {

  /** The ids, among these, of orders kept without a person after their buyer was deleted. */
  public Set<String> erasedAmong(Connection c, Collection<String> orderIds) throws SQLException {
    if (orderIds.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        Sql.list(
            c,
            "select order_id from orders where order_id = any(?::text[]) and profile_id is null",
            rs -> rs.getString(1),
            Sql.texts(c, orderIds)));
  }

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
    Columns rows = new Columns(9);
    for (OrderBook.Entry e : placed) {
      Order o = e.placed();
      rows.row(
          e.orderId(),
          e.profileId(),
          e.status().wireName(),
          e.revenue(),
          e.refunded(),
          o.currency(),
          o.coupon(),
          o.discount(),
          o.placedAt());
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
      rows.bind(c, ps, 3);
      ps.executeUpdate();
    }
  }

  private void lines(Connection c, List<OrderBook.Entry> placed) throws SQLException {
    Columns rows = new Columns(8);
    for (OrderBook.Entry e : placed) {
      int no = 1;
      for (OrderLine line : e.placed().lines()) {
        rows.row(
            e.orderId(),
            no++,
            line.productId(),
            line.sku(),
            line.name(),
            line.category(),
            line.price(),
            line.quantity());
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into order_lines (order_id, line_no, product_id, sku, name, category, price,"
                + " quantity) select * from unnest(?::text[], ?::integer[], ?::text[], ?::text[],"
                + " ?::text[], ?::text[], ?::numeric[], ?::integer[])"
                + " on conflict (order_id, line_no) do nothing")) {
      rows.bind(c, ps, 1);
      ps.executeUpdate();
    }
  }

  private void update(Connection c, List<OrderBook.Entry> updated, Instant now)
      throws SQLException {
    if (updated.isEmpty()) {
      return;
    }
    Columns rows = new Columns(3);
    for (OrderBook.Entry e : updated) {
      rows.row(e.orderId(), e.status().wireName(), e.refunded());
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "update orders o set status = u.status, refunded = u.refunded, updated_at = ?"
                + " from unnest(?::text[], ?::text[], ?::numeric[]) as u(order_id, status,"
                + " refunded) where o.order_id = u.order_id")) {
      ps.setTimestamp(1, Sql.timestamp(now));
      rows.bind(c, ps, 2);
      ps.executeUpdate();
    }
  }

  /** Upserts catalog entries; a field an event leaves out keeps its stored value. */
  public void upsertProducts(Connection c, Collection<Product> products, Instant now)
      throws SQLException {
    if (products.isEmpty()) {
      return;
    }
    Columns rows = new Columns(10);
    for (Product p : products) {
      rows.row(
          p.productId(),
          p.sku(),
          p.name(),
          p.brand(),
          p.category(),
          p.price(),
          p.currency(),
          p.url(),
          p.imageUrl(),
          p.nonMerchandise());
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into products (product_id, sku, name, brand, category, price, currency, url,"
                + " image_url, non_merchandise, updated_at) select u.*, ? from unnest(?::text[],"
                + " ?::text[], ?::text[], ?::text[], ?::text[], ?::numeric[], ?::text[],"
                + " ?::text[], ?::text[], ?::boolean[]) as u on conflict (product_id) do update set"
                + " sku = coalesce(excluded.sku, products.sku),"
                + " name = coalesce(excluded.name, products.name),"
                + " brand = coalesce(excluded.brand, products.brand),"
                + " category = coalesce(excluded.category, products.category),"
                + " price = coalesce(excluded.price, products.price),"
                + " currency = coalesce(excluded.currency, products.currency),"
                + " url = coalesce(excluded.url, products.url),"
                + " image_url = coalesce(excluded.image_url, products.image_url),"
                + " non_merchandise = coalesce(excluded.non_merchandise, products.non_merchandise),"
                + " updated_at = excluded.updated_at")) {
      ps.setTimestamp(1, Sql.timestamp(now));
      rows.bind(c, ps, 2);
      ps.executeUpdate();
    }
  }
}
