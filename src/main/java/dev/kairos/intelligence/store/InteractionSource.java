package dev.kairos.intelligence.store;

import dev.kairos.intelligence.ServingRecommendations;
import dev.kairos.intelligence.ServingRecommendations.ProductFacts;
import dev.kairos.intelligence.ServingRecommendations.ShopInteractions;
import dev.kairos.intelligence.recommend.Catalog;
import dev.kairos.intelligence.recommend.CatalogEntry;
import dev.kairos.intelligence.recommend.InteractionKind;
import dev.kairos.intelligence.recommend.InteractionLog;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads what the recommendation model is built from: the lines of every order that is not
 * cancelled, the {@code Product Viewed} events of the last {@code viewWindow}, both attributed to
 * the surviving profile (following {@code merged_into} through any number of merges), and the
 * {@code products} table as an open catalog.
 */
public final class InteractionSource implements ServingRecommendations.Interactions {
  /** Merge chains longer than this are treated as broken (a cycle would never end). */
  private static final int MAX_MERGE_DEPTH = 100;

  /** Every profile with the surviving profile it belongs to. */
  private static final String TREE =
      "with recursive tree(id, survivor, depth) as (select id, id, 0 from profiles"
          + " where merged_into is null"
          + " union all select p.id, t.survivor, t.depth + 1 from profiles p"
          + " join tree t on p.merged_into = t.id where t.depth < "
          + MAX_MERGE_DEPTH
          + ") ";

  /**
   * Leaves out lines and views of products flagged non-merchandise (postage, fees, vouchers): they
   * are neither recommended nor counted for popularity or "bought together".
   */
  private static final String NOT_MERCHANDISE =
      " and not exists (select 1 from products f where f.product_id = %s"
          + " and f.non_merchandise)";

  private final Database database;
  private final Duration viewWindow;

  public InteractionSource(Database database, Duration viewWindow) {
    this.database = database;
    this.viewWindow = viewWindow;
  }

  @Override
  public ShopInteractions read(Instant asOf) {
    return database.read(
        c -> {
          InteractionLog log = new InteractionLog();
          purchases(c, log, asOf);
          views(c, log, asOf);
          Map<String, ProductFacts> products = new HashMap<>();
          List<CatalogEntry> entries = catalog(c, products);
          return new ShopInteractions(log, Catalog.openCatalog(entries), products);
        });
  }

  /** Guest orders (no profile) still teach what is bought together and what is popular. */
  private static void purchases(Connection c, InteractionLog log, Instant asOf)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            TREE
                + "select t.survivor, l.product_id, o.placed_at, l.quantity, o.order_id"
                + " from order_lines l join orders o on o.order_id = l.order_id"
                + " left join tree t on t.id = o.profile_id"
                + " where o.status <> 'cancelled' and o.placed_at <= ?"
                + " and l.product_id is not null and l.product_id <> '' and l.quantity > 0"
                + NOT_MERCHANDISE.formatted("l.product_id"))) {
      ps.setTimestamp(1, Sql.timestamp(asOf));
      ps.setFetchSize(10_000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          log.add(
              rs.getString(1),
              rs.getString(2),
              InteractionKind.PURCHASE,
              Sql.instant(rs, "placed_at").getEpochSecond(),
              rs.getInt(4),
              rs.getString(5));
        }
      }
    }
  }

  /** Views without a session id are split into sessions by the model's inactivity gap. */
  private void views(Connection c, InteractionLog log, Instant asOf) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            TREE
                + "select t.survivor, e.payload::json->'properties'->>'product_id' as product_id,"
                + " e.occurred_at from events e join event_profiles l on l.seq = e.seq"
                + " join tree t on t.id = l.profile_id"
                + " where e.event = 'Product Viewed' and e.occurred_at > ?"
                + " and e.occurred_at <= ?"
                + " and coalesce(e.payload::json->'properties'->>'product_id', '') <> ''"
                + NOT_MERCHANDISE.formatted("e.payload::json->'properties'->>'product_id'"))) {
      ps.setTimestamp(1, Sql.timestamp(asOf.minus(viewWindow)));
      ps.setTimestamp(2, Sql.timestamp(asOf));
      ps.setFetchSize(10_000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          log.add(
              rs.getString(1),
              rs.getString(2),
              InteractionKind.VIEW,
              Sql.instant(rs, "occurred_at").getEpochSecond(),
              1,
              null);
        }
      }
    }
  }

  /**
   * The catalog: {@code in_stock} null means in stock; a product whose {@code properties} say
   * {@code "consumable": true} may be recommended again to people who bought it; a product flagged
   * {@code non_merchandise} is never recommended.
   */
  private static List<CatalogEntry> catalog(Connection c, Map<String, ProductFacts> facts)
      throws SQLException {
    List<CatalogEntry> entries = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "select product_id, name, category, price, coalesce(in_stock, true),"
                    + " coalesce(properties->>'consumable', '') = 'true',"
                    + " coalesce(non_merchandise, false) from products");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String productId = rs.getString(1);
        String category = rs.getString(3);
        entries.add(
            new CatalogEntry(
                productId, category, rs.getBoolean(5), !rs.getBoolean(7), rs.getBoolean(6)));
        facts.put(productId, new ProductFacts(rs.getString(2), category, rs.getBigDecimal(4)));
      }
    }
    return entries;
  }

  @Override
  public ServingRecommendations.ShopSize size() {
    return database.read(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "select (select count(*) from orders), (select count(*) from products)");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new ServingRecommendations.ShopSize(rs.getLong(1), rs.getLong(2));
          }
        });
  }

  @Override
  public Optional<ProductFacts> catalogProduct(String productId) {
    return database.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select name, category, price from products where product_id = ?")) {
            ps.setString(1, productId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(
                      new ProductFacts(rs.getString(1), rs.getString(2), rs.getBigDecimal(3)))
                  : Optional.empty();
            }
          }
        });
  }

  @Override
  public Catalog catalog() {
    return database.read(c -> Catalog.openCatalog(catalog(c, new HashMap<>())));
  }

  @Override
  public Optional<String> survivingProfile(UUID profileId) {
    return database.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "with recursive up(id, merged_into, depth) as ("
                      + " select id, merged_into, 0 from profiles where id = ?"
                      + " union all select p.id, p.merged_into, u.depth + 1 from profiles p"
                      + " join up u on p.id = u.merged_into where u.depth < "
                      + MAX_MERGE_DEPTH
                      + ") select id from up where merged_into is null")) {
            ps.setObject(1, profileId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
          }
        });
  }
}
