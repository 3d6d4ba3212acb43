package dev.kairos.profile.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.platform.DatabaseException;
import dev.kairos.platform.db.Columns;
import dev.kairos.platform.db.Sql;
import dev.kairos.profile.Profile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The profiles table. */
public final class ProfileStore {
  private static final String COLUMNS =
      "id, created_at, merged_into, first_seen_at, last_seen_at, time_zone, traits, consent,"
          + " suppressed, orders_count, revenue, refunds_count, refunded, first_order_at,"
          + " last_order_at, cart, viewed_products";

  /** PostgreSQL's order of uuids: their bytes, unsigned (not {@link UUID#compareTo}'s). */
  static final Comparator<Profile> IN_ID_ORDER =
      Comparator.<Profile>comparingLong(p -> p.id().getMostSignificantBits() ^ Long.MIN_VALUE)
          .thenComparingLong(p -> p.id().getLeastSignificantBits() ^ Long.MIN_VALUE);

  private final ObjectMapper mapper;

  public ProfileStore(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public Map<UUID, Profile> load(Connection c, Collection<UUID> ids) throws SQLException {
    Map<UUID, Profile> profiles = new HashMap<>();
    if (ids.isEmpty()) {
      return profiles;
    }
    try (PreparedStatement ps =
        c.prepareStatement("select " + COLUMNS + " from profiles where id = any(?::uuid[])")) {
      ps.setArray(1, Sql.uuids(c, new HashSet<>(ids)));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Profile profile = read(rs);
          profiles.put(profile.id(), profile);
        }
      }
    }
    return profiles;
  }

  public Optional<Profile> find(Connection c, UUID id) throws SQLException {
    return Optional.ofNullable(load(c, List.of(id)).get(id));
  }

  /**
   * Inserts new profiles and updates known ones, in one statement, in id order (as PostgreSQL
   * orders uuids), the order batch jobs lock profile rows in too, so they cannot deadlock.
   */
  public void save(Connection c, Collection<Profile> profiles, Instant now) throws SQLException {
    if (profiles.isEmpty()) {
      return;
    }
    List<Profile> inIdOrder = new ArrayList<>(profiles);
    inIdOrder.sort(IN_ID_ORDER);
    Columns rows = new Columns(19);
    for (Profile p : inIdOrder) {
      boolean hasCart = p.cart().updatedAt() != null;
      rows.row(
          p.id(),
          p.createdAt(),
          p.mergedInto(),
          p.firstSeenAt(),
          p.lastSeenAt(),
          p.timeZone(),
          p.traits(),
          p.consent(),
          p.suppressed(),
          p.ordersCount(),
          p.revenue(),
          p.refundsCount(),
          p.refunded(),
          p.firstOrderAt(),
          p.lastOrderAt(),
          hasCart ? ProfileJson.cart(p.cart()) : null,
          hasCart ? p.cart().value() : null,
          p.cart().updatedAt(),
          ProfileJson.viewedForStorage(p.viewedProducts()));
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into profiles (id, created_at, merged_into, first_seen_at, last_seen_at,"
                + " time_zone, traits, consent, suppressed, orders_count, revenue, refunds_count,"
                + " refunded, first_order_at, last_order_at, cart, cart_value, cart_updated_at,"
                + " viewed_products, updated_at)"
                + " select u.*, ? from unnest(?::uuid[], ?::timestamptz[], ?::uuid[],"
                + " ?::timestamptz[], ?::timestamptz[], ?::text[], ?::jsonb[], ?::jsonb[],"
                + " ?::boolean[], ?::integer[], ?::numeric[], ?::integer[], ?::numeric[],"
                + " ?::timestamptz[], ?::timestamptz[], ?::json[], ?::numeric[],"
                + " ?::timestamptz[], ?::json[]) as u"
                + " on conflict (id) do update set merged_into = excluded.merged_into,"
                + " first_seen_at = excluded.first_seen_at, last_seen_at = excluded.last_seen_at,"
                + " time_zone = excluded.time_zone, traits = excluded.traits,"
                + " consent = excluded.consent, suppressed = excluded.suppressed,"
                + " orders_count = excluded.orders_count, revenue = excluded.revenue,"
                + " refunds_count = excluded.refunds_count, refunded = excluded.refunded,"
                + " first_order_at = excluded.first_order_at,"
                + " last_order_at = excluded.last_order_at, cart = excluded.cart,"
                + " cart_value = excluded.cart_value, cart_updated_at = excluded.cart_updated_at,"
                + " viewed_products = excluded.viewed_products, updated_at = excluded.updated_at")) {
      ps.setTimestamp(1, Sql.timestamp(now));
      rows.bind(c, ps, 2);
      ps.executeUpdate();
    }
  }

  private Profile read(ResultSet rs) throws SQLException {
    try {
      return Profile.restore(
          new Profile.Stored(
              Sql.uuid(rs, "id"),
              Sql.instant(rs, "created_at"),
              Sql.uuid(rs, "merged_into"),
              Sql.instant(rs, "first_seen_at"),
              Sql.instant(rs, "last_seen_at"),
              rs.getString("time_zone"),
              (ObjectNode) mapper.readTree(rs.getString("traits")),
              (ObjectNode) mapper.readTree(rs.getString("consent")),
              rs.getBoolean("suppressed"),
              rs.getInt("orders_count"),
              rs.getBigDecimal("revenue"),
              rs.getInt("refunds_count"),
              rs.getBigDecimal("refunded"),
              Sql.instant(rs, "first_order_at"),
              Sql.instant(rs, "last_order_at"),
              ProfileJson.cart(
                  rs.getString("cart") == null ? null : mapper.readTree(rs.getString("cart"))),
              ProfileJson.viewed(mapper.readTree(rs.getString("viewed_products")))));
    } catch (JsonProcessingException e) {
      throw new DatabaseException("a stored profile is not valid JSON", e);
    }
  }
}
