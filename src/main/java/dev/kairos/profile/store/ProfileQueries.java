package dev.kairos.profile.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.identity.Identifier;
import dev.kairos.identity.Separation;
import dev.kairos.identity.store.IdentityStore;
import dev.kairos.identity.store.SeparationStore;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import dev.kairos.profile.Profile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Reads for the management API: profiles, timelines, identity graphs, orders, exports. */
public final class ProfileQueries {
  private final Database database;
  private final ProfileStore profiles;
  private final ObjectMapper mapper;
  private final IdentityStore identity = new IdentityStore();
  private final SeparationStore separations = new SeparationStore();

  public ProfileQueries(Database database, ProfileStore profiles, ObjectMapper mapper) {
    this.database = database;
    this.profiles = profiles;
    this.mapper = mapper;
  }

  /** The profile with this id, or the one it was merged into. */
  public Optional<ObjectNode> profile(UUID id) {
    return database.read(c -> surviving(c, id).map(p -> view(c, p)));
  }

  public Optional<UUID> byIdentifier(Identifier identifier) {
    return database.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select profile_id from identifiers where kind = ? and value = ?")) {
            ps.setString(1, identifier.kind());
            ps.setString(2, identifier.value());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
          }
        });
  }

  /**
   * Profiles whose traits match every one of {@code traits} (name → value as typed in a query
   * string), newest seen first. A value matches the trait stored as that text, or as the number or
   * boolean it spells ({@code vip:true} finds {@code "vip": true} and {@code "vip": "true"}).
   */
  public List<ObjectNode> search(Map<String, String> traits, int limit, int offset) {
    StringBuilder sql = new StringBuilder("select id from profiles where merged_into is null");
    List<String> candidates = new ArrayList<>();
    for (Map.Entry<String, String> trait : traits.entrySet()) {
      sql.append(" and (traits @> ?::jsonb or traits @> ?::jsonb)");
      candidates.add(mapper.createObjectNode().put(trait.getKey(), trait.getValue()).toString());
      candidates.add(
          mapper.createObjectNode().set(trait.getKey(), typed(trait.getValue())).toString());
    }
    sql.append(" order by last_seen_at desc nulls last, id limit ? offset ?");
    return database.read(
        c -> {
          List<UUID> ids = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            for (String candidate : candidates) {
              ps.setString(i++, candidate);
            }
            ps.setInt(i++, limit);
            ps.setInt(i, offset);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
              }
            }
          }
          var loaded = profiles.load(c, ids);
          List<ObjectNode> views = new ArrayList<>();
          for (UUID id : ids) {
            views.add(view(c, loaded.get(id)));
          }
          return views;
        });
  }

  /** A query-string value as the JSON number or boolean it spells, else as text. */
  private JsonNode typed(String value) {
    if (value.equals("true") || value.equals("false")) {
      return mapper.getNodeFactory().booleanNode(Boolean.parseBoolean(value));
    }
    try {
      return mapper.getNodeFactory().numberNode(new java.math.BigDecimal(value));
    } catch (NumberFormatException e) {
      return mapper.getNodeFactory().textNode(value);
    }
  }

  /** The profile's events (its own and those of profiles merged into it), newest first. */
  public Optional<ArrayNode> timeline(UUID id, int limit, Long beforeSeq) {
    return withTree(id, (c, profile, tree) -> events(c, tree, limit, beforeSeq));
  }

  ArrayNode events(Connection c, List<UUID> tree, int limit, Long beforeSeq) throws SQLException {
    ArrayNode events = mapper.createArrayNode();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select e.seq, e.payload from event_profiles l join events e on e.seq = l.seq"
                + " where l.profile_id = any(?::uuid[])"
                + " and (l.occurred_at, l.seq) < (coalesce((select occurred_at from events"
                + " where seq = ?), 'infinity'::timestamptz), ?)"
                + " order by l.occurred_at desc, l.seq desc limit ?")) {
      long before = beforeSeq == null ? Long.MAX_VALUE : beforeSeq;
      ps.setArray(1, Sql.uuids(c, tree));
      ps.setLong(2, before);
      ps.setLong(3, before);
      ps.setInt(4, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ObjectNode event = (ObjectNode) read(rs.getString(2));
          event.put("seq", rs.getLong(1));
          events.add(event);
        }
      }
    }
    return events;
  }

  /** Identifiers and merge history of the profile. */
  public Optional<ObjectNode> identity(UUID id) {
    return withTree(
        id,
        (c, profile, tree) -> {
          ObjectNode graph = mapper.createObjectNode();
          graph.put("profile_id", profile.id().toString());
          graph.set("identifiers", identifiers(c, profile.id(), true));
          graph.set("merges", merges(c, tree));
          graph.set("kept_apart", mapper.valueToTree(keptApart(c, tree)));
          return graph;
        });
  }

  /**
   * A separation as one of its profiles sees it: its own identifiers on one side ({@code
   * identifiers}), those it is kept apart from on the other, and the links it refused since.
   */
  public record KeptApart(
      @JsonProperty("separation_id") long separationId,
      @JsonProperty("merge_id") Long mergeId,
      List<String> identifiers,
      @JsonProperty("apart_from") List<String> apartFrom,
      @JsonProperty("created_at") Instant createdAt,
      @JsonProperty("refused_links") int refusedLinks,
      @JsonProperty("last_refused_at") Instant lastRefusedAt,
      @JsonProperty("last_refused_message_id") String lastRefusedMessageId) {}

  private List<KeptApart> keptApart(Connection c, List<UUID> tree) throws SQLException {
    Set<Identifier> own = new HashSet<>(identity.identifiersOf(c, tree));
    List<KeptApart> kept = new ArrayList<>();
    for (SeparationStore.Recorded r : separations.touching(c, own)) {
      Separation separation = r.separation();
      boolean first = separation.first().stream().anyMatch(own::contains);
      kept.add(
          new KeptApart(
              separation.id(),
              r.mergeId(),
              texts(first ? separation.first() : separation.second()),
              texts(first ? separation.second() : separation.first()),
              r.createdAt(),
              r.refusedLinks(),
              r.lastRefusedAt(),
              r.lastRefusedMessageId()));
    }
    return kept;
  }

  private static List<String> texts(Set<Identifier> identifiers) {
    return identifiers.stream().map(Identifier::toString).sorted().toList();
  }

  /** Everything Kairos keeps about the person: profile, identity, orders and events. */
  public Optional<ObjectNode> export(UUID id) {
    return withTree(
        id,
        (c, profile, tree) -> {
          ObjectNode export = mapper.createObjectNode();
          export.set("profile", view(c, profile));
          export.set("merges", merges(c, tree));
          export.set("orders", orders(c, tree, Integer.MAX_VALUE, 0));
          export.set("events", events(c, tree, Integer.MAX_VALUE, null));
          return export;
        });
  }

  public Optional<ArrayNode> orders(UUID id, int limit, int offset) {
    return withTree(id, (c, profile, tree) -> orders(c, tree, limit, offset));
  }

  /** A read about a surviving profile and every profile merged into it. */
  @FunctionalInterface
  private interface TreeRead<T> {
    T read(Connection c, Profile profile, List<UUID> tree) throws SQLException;
  }

  /** Runs {@code read} on the profile {@code id} resolves to (empty when there is none). */
  private <T> Optional<T> withTree(UUID id, TreeRead<T> read) {
    return database.read(
        c -> {
          Optional<Profile> profile = surviving(c, id);
          if (profile.isEmpty()) {
            return Optional.empty();
          }
          return Optional.of(read.read(c, profile.get(), ProfileTree.of(c, profile.get().id())));
        });
  }

  private ArrayNode orders(Connection c, List<UUID> tree, int limit, int offset)
      throws SQLException {
    ArrayNode orders = mapper.createArrayNode();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select o.order_id, o.status, o.revenue, o.refunded, o.currency, o.coupon,"
                + " o.discount, o.placed_at, o.source, coalesce((select jsonb_agg(jsonb_build_object("
                + "'product_id', l.product_id, 'sku', l.sku, 'name', l.name, 'category',"
                + " l.category, 'price', l.price, 'quantity', l.quantity) order by l.line_no)"
                + " from order_lines l where l.order_id = o.order_id), '[]'::jsonb) as lines"
                + " from orders o where o.profile_id = any(?::uuid[])"
                + " order by o.placed_at desc, o.order_id limit ? offset ?")) {
      ps.setArray(1, Sql.uuids(c, tree));
      ps.setInt(2, limit);
      ps.setInt(3, offset);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ObjectNode order = orders.addObject();
          order.put("order_id", rs.getString("order_id"));
          order.put("status", rs.getString("status"));
          order.put("revenue", rs.getBigDecimal("revenue"));
          order.put("refunded", rs.getBigDecimal("refunded"));
          order.put("currency", rs.getString("currency"));
          order.put("coupon", rs.getString("coupon"));
          order.put("discount", rs.getBigDecimal("discount"));
          order.put("placed_at", Sql.instant(rs, "placed_at").toString());
          order.put("source", rs.getString("source"));
          order.set("lines", read(rs.getString("lines")));
        }
      }
    }
    return orders;
  }

  Optional<Profile> surviving(Connection c, UUID id) throws SQLException {
    Optional<Profile> profile = profiles.find(c, id);
    int hops = 0;
    while (profile.isPresent() && profile.get().mergedInto() != null && hops++ < 1000) {
      profile = profiles.find(c, profile.get().mergedInto());
    }
    return profile;
  }

  ObjectNode view(Connection c, Profile p) {
    try {
      ObjectNode view = ProfileView.of(p, mapper);
      view.set("identifiers", identifiers(c, p.id(), false));
      scores(c, p.id(), view);
      return view;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void scores(Connection c, UUID profileId, ObjectNode view) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("select " + ProfileView.SCORE_COLUMNS + " from profiles where id = ?")) {
      ps.setObject(1, profileId);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          ProfileView.scores(view, rs);
        }
      }
    }
  }

  private ArrayNode identifiers(Connection c, UUID profileId, boolean detailed)
      throws SQLException {
    ArrayNode identifiers = mapper.createArrayNode();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select kind, value, first_seen_at, source_message_id from identifiers"
                + " where profile_id = ? order by first_seen_at, kind, value")) {
      ps.setObject(1, profileId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ObjectNode identifier = identifiers.addObject();
          identifier.put("kind", rs.getString(1));
          identifier.put("value", rs.getString(2));
          if (detailed) {
            identifier.put("first_seen_at", Sql.instant(rs, "first_seen_at").toString());
            identifier.put("source_message_id", rs.getString(4));
          }
        }
      }
    }
    return identifiers;
  }

  private ArrayNode merges(Connection c, List<UUID> tree) throws SQLException {
    ArrayNode merges = mapper.createArrayNode();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select id, surviving_profile_id, merged_profile_id, message_id, reason, identifiers,"
                + " merged_at, undone_at from profile_merges"
                + " where surviving_profile_id = any(?::uuid[])"
                + " or merged_profile_id = any(?::uuid[]) order by id")) {
      ps.setArray(1, Sql.uuids(c, tree));
      ps.setArray(2, Sql.uuids(c, tree));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ObjectNode merge = merges.addObject();
          merge.put("merge_id", rs.getLong("id"));
          merge.put("surviving_profile_id", rs.getString("surviving_profile_id"));
          merge.put("merged_profile_id", rs.getString("merged_profile_id"));
          merge.put("message_id", rs.getString("message_id"));
          merge.put("reason", rs.getString("reason"));
          merge.set("identifiers_moved", read(rs.getString("identifiers")));
          merge.put("merged_at", Sql.instant(rs, "merged_at").toString());
          merge.put(
              "undone_at",
              rs.getTimestamp("undone_at") == null
                  ? null
                  : Sql.instant(rs, "undone_at").toString());
        }
      }
    }
    return merges;
  }

  private JsonNode read(String json) {
    try {
      return mapper.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is invalid", e);
    }
  }
}
