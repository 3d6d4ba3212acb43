package dev.kairos.segment.store;

import dev.kairos.platform.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The current memberships and deadlines of some people in some segments, read with a query each.
 */
final class StoredMemberships {
  private record Key(String segmentKey, UUID profileId) {}

  private final Set<Key> members;
  private final Map<Key, Instant> deadlines;

  private StoredMemberships(Set<Key> members, Map<Key, Instant> deadlines) {
    this.members = members;
    this.deadlines = deadlines;
  }

  static StoredMemberships read(
      Connection c, Collection<String> segmentKeys, Collection<UUID> ids, boolean withDeadlines)
      throws SQLException {
    Set<Key> members = new HashSet<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select segment_key, profile_id from segment_memberships where profile_id ="
                + " any(?::uuid[]) and segment_key = any(?::text[]) and exited_at is null")) {
      ps.setArray(1, Sql.uuids(c, ids));
      ps.setArray(2, Sql.texts(c, segmentKeys));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          members.add(new Key(rs.getString(1), rs.getObject(2, UUID.class)));
        }
      }
    }
    Map<Key, Instant> deadlines = new HashMap<>();
    if (withDeadlines) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "select segment_key, profile_id, due_at from segment_deadlines where profile_id ="
                  + " any(?::uuid[]) and segment_key = any(?::text[])")) {
        ps.setArray(1, Sql.uuids(c, ids));
        ps.setArray(2, Sql.texts(c, segmentKeys));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            deadlines.put(
                new Key(rs.getString(1), rs.getObject(2, UUID.class)), Sql.instant(rs, "due_at"));
          }
        }
      }
    }
    return new StoredMemberships(members, deadlines);
  }

  boolean member(String segmentKey, UUID profileId) {
    return members.contains(new Key(segmentKey, profileId));
  }

  /** The stored deadline, or null. */
  Instant deadline(String segmentKey, UUID profileId) {
    return deadlines.get(new Key(segmentKey, profileId));
  }
}
