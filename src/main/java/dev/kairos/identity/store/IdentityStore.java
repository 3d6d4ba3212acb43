package dev.kairos.identity.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.kairos.identity.Identifier;
import dev.kairos.platform.db.Columns;
import dev.kairos.platform.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The identity graph tables: identifiers, merges and suppressed identifiers. */
public final class IdentityStore {

  /** A new link of an identifier to a profile. */
  public record Link(Identifier identifier, UUID profileId, Instant at, String messageId) {}

  public Map<Identifier, UUID> owners(Connection c, Collection<Identifier> identifiers)
      throws SQLException {
    Map<Identifier, UUID> owners = new HashMap<>();
    if (identifiers.isEmpty()) {
      return owners;
    }
    Columns keys = new Columns(2);
    for (Identifier identifier : identifiers) {
      keys.row(identifier.kind(), identifier.value());
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "select i.kind, i.value, i.profile_id from identifiers i"
                + " join unnest(?::text[], ?::text[]) as q(kind, value)"
                + " on i.kind = q.kind and i.value = q.value")) {
      keys.bind(c, ps, 1);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          owners.put(new Identifier(rs.getString(1), rs.getString(2)), rs.getObject(3, UUID.class));
        }
      }
    }
    return owners;
  }

  /** The identifiers the profiles own. */
  public List<Identifier> identifiersOf(Connection c, Collection<UUID> profiles)
      throws SQLException {
    return Sql.list(
        c,
        "select kind, value from identifiers where profile_id = any(?::uuid[])",
        rs -> new Identifier(rs.getString(1), rs.getString(2)),
        Sql.uuids(c, profiles));
  }

  public Map<UUID, String> userIds(Connection c, Collection<UUID> profiles) throws SQLException {
    Map<UUID, String> userIds = new HashMap<>();
    if (profiles.isEmpty()) {
      return userIds;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "select profile_id, value from identifiers"
                + " where kind = 'userId' and profile_id = any(?::uuid[])")) {
      ps.setArray(1, Sql.uuids(c, new HashSet<>(profiles)));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          userIds.putIfAbsent(rs.getObject(1, UUID.class), rs.getString(2));
        }
      }
    }
    return userIds;
  }

  /** Which of the identifiers belong to deleted (suppressed) people. */
  public Set<Identifier> suppressed(Connection c, Collection<Identifier> identifiers)
      throws SQLException {
    Set<Identifier> found = new HashSet<>();
    if (identifiers.isEmpty()) {
      return found;
    }
    Map<String, Identifier> byHash = new HashMap<>();
    Columns keys = new Columns(2);
    for (Identifier identifier : identifiers) {
      String hash = identifier.valueSha256();
      byHash.put(identifier.kind() + ":" + hash, identifier);
      keys.row(identifier.kind(), hash);
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "select s.kind, s.value_sha256 from suppressed_identifiers s"
                + " join unnest(?::text[], ?::text[]) as q(kind, h)"
                + " on s.kind = q.kind and s.value_sha256 = q.h")) {
      keys.bind(c, ps, 1);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(byHash.get(rs.getString(1) + ":" + rs.getString(2)));
        }
      }
    }
    return found;
  }

  public void attach(Connection c, List<Link> links) throws SQLException {
    if (links.isEmpty()) {
      return;
    }
    Columns rows = new Columns(5);
    for (Link link : links) {
      rows.row(
          link.identifier().kind(),
          link.identifier().value(),
          link.profileId(),
          link.at(),
          link.messageId());
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into identifiers (kind, value, profile_id, first_seen_at, source_message_id)"
                + " select * from unnest(?::text[], ?::text[], ?::uuid[], ?::timestamptz[],"
                + " ?::text[]) on conflict (kind, value) do nothing")) {
      rows.bind(c, ps, 1);
      ps.executeUpdate();
    }
  }

  /** Moves every identifier of {@code from} to {@code to}; returns the identifiers moved. */
  public List<Identifier> move(Connection c, UUID from, UUID to) throws SQLException {
    List<Identifier> moved = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "update identifiers set profile_id = ? where profile_id = ? returning kind, value")) {
      ps.setObject(1, to);
      ps.setObject(2, from);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          moved.add(new Identifier(rs.getString(1), rs.getString(2)));
        }
      }
    }
    return moved;
  }

  public void recordMerge(
      Connection c,
      UUID surviving,
      UUID merged,
      String messageId,
      String reason,
      List<Identifier> moved,
      Instant at)
      throws SQLException {
    ArrayNode identifiers = JsonNodeFactory.instance.arrayNode();
    for (Identifier identifier : moved) {
      identifiers.add(identifier.toString());
    }
    Sql.update(
        c,
        "insert into profile_merges (surviving_profile_id, merged_profile_id, message_id, reason,"
            + " identifiers, merged_at) values (?, ?, ?, ?, ?::jsonb, ?)",
        surviving,
        merged,
        messageId,
        reason,
        identifiers.toString(),
        Sql.timestamp(at));
  }
}
