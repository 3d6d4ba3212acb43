package dev.kairos.identity.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.kairos.identity.Identifier;
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
    List<String> kinds = new ArrayList<>(identifiers.size());
    List<String> values = new ArrayList<>(identifiers.size());
    for (Identifier identifier : identifiers) {
      kinds.add(identifier.kind());
      values.add(identifier.value());
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "select i.kind, i.value, i.profile_id from identifiers i"
                + " join unnest(?::text[], ?::text[]) as q(kind, value)"
                + " on i.kind = q.kind and i.value = q.value")) {
      ps.setArray(1, Sql.texts(c, kinds));
      ps.setArray(2, Sql.texts(c, values));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          owners.put(new Identifier(rs.getString(1), rs.getString(2)), rs.getObject(3, UUID.class));
        }
      }
    }
    return owners;
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
    List<String> kinds = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    for (Identifier identifier : identifiers) {
      String hash = identifier.valueSha256();
      byHash.put(identifier.kind() + ":" + hash, identifier);
      kinds.add(identifier.kind());
      hashes.add(hash);
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "select s.kind, s.value_sha256 from suppressed_identifiers s"
                + " join unnest(?::text[], ?::text[]) as q(kind, h)"
                + " on s.kind = q.kind and s.value_sha256 = q.h")) {
      ps.setArray(1, Sql.texts(c, kinds));
      ps.setArray(2, Sql.texts(c, hashes));
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
    List<String> kinds = new ArrayList<>();
    List<String> values = new ArrayList<>();
    List<UUID> profiles = new ArrayList<>();
    List<String> times = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    for (Link link : links) {
      kinds.add(link.identifier().kind());
      values.add(link.identifier().value());
      profiles.add(link.profileId());
      times.add(link.at().toString());
      messages.add(link.messageId());
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into identifiers (kind, value, profile_id, first_seen_at, source_message_id)"
                + " select * from unnest(?::text[], ?::text[], ?::uuid[], ?::timestamptz[],"
                + " ?::text[]) on conflict (kind, value) do nothing")) {
      ps.setArray(1, Sql.texts(c, kinds));
      ps.setArray(2, Sql.texts(c, values));
      ps.setArray(3, Sql.uuids(c, profiles));
      ps.setArray(4, Sql.texts(c, times));
      ps.setArray(5, Sql.texts(c, messages));
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
