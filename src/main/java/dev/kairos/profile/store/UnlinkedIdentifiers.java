package dev.kairos.profile.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.identity.Identifier;
import dev.kairos.identity.IdentifierRules;
import dev.kairos.platform.db.Columns;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The identifiers an applied event carried but did not link to its profile (table {@code
 * unlinked_identifiers}, by SHA-256 only): another person's email typed on a shared device, or the
 * other side of a separation. The event stays on the profile it was applied to; when the owner of
 * such an identifier is deleted, the fields carrying it are removed from the event's stored
 * payload, so the other profile's timeline and export keep nothing of the deleted person.
 */
final class UnlinkedIdentifiers {
  private final Columns rows = new Columns(3);

  /** Remembers that the event {@code seq} carried {@code identifier} without linking it. */
  void add(long seq, Identifier identifier) {
    rows.row(seq, identifier.kind(), identifier.valueSha256());
  }

  void write(Connection c) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into unlinked_identifiers (seq, kind, value_sha256)"
                + " select u.seq, u.kind, u.h from unnest(?::bigint[], ?::text[], ?::text[])"
                + " as u(seq, kind, h) on conflict do nothing")) {
      rows.bind(c, ps, 1);
      ps.executeUpdate();
    }
  }

  /**
   * Removes the deleted person's {@code identifiers} from the stored payloads of the events that
   * carried them without linking them (their user and anonymous id columns too); returns how many
   * events were changed.
   */
  static int scrub(
      Connection c, Collection<Identifier> identifiers, IdentifierRules rules, ObjectMapper mapper)
      throws SQLException {
    if (identifiers.isEmpty()) {
      return 0;
    }
    Columns theirs = new Columns(2);
    for (Identifier identifier : identifiers) {
      theirs.row(identifier.kind(), identifier.valueSha256());
    }
    Map<Long, String> payloads = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select e.seq, e.payload from events e where e.seq in (select u.seq"
                + " from unlinked_identifiers u join unnest(?::text[], ?::text[]) as t(kind, h)"
                + " on u.kind = t.kind and u.value_sha256 = t.h) order by e.seq")) {
      theirs.bind(c, ps, 1);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          payloads.put(rs.getLong(1), rs.getString(2));
        }
      }
    }
    List<Long> changed = new ArrayList<>();
    Columns updates = new Columns(4);
    for (Map.Entry<Long, String> event : payloads.entrySet()) {
      ObjectNode payload = read(mapper, event.getValue());
      if (payload != null && rules.remove(payload, identifiers)) {
        changed.add(event.getKey());
        updates.row(
            event.getKey(),
            payload.toString(),
            payload.path("userId").asText(null),
            payload.path("anonymousId").asText(null));
      }
    }
    if (!changed.isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "update events e set payload = u.payload, user_id = u.user_id,"
                  + " anonymous_id = u.anonymous_id"
                  + " from unnest(?::bigint[], ?::text[], ?::text[], ?::text[])"
                  + " as u(seq, payload, user_id, anonymous_id) where e.seq = u.seq")) {
        updates.bind(c, ps, 1);
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "delete from unlinked_identifiers u using unnest(?::text[], ?::text[]) as t(kind, h)"
                + " where u.kind = t.kind and u.value_sha256 = t.h")) {
      theirs.bind(c, ps, 1);
      ps.executeUpdate();
    }
    return changed.size();
  }

  private static ObjectNode read(ObjectMapper mapper, String json) {
    try {
      return mapper.readTree(json) instanceof ObjectNode object ? object : null;
    } catch (IOException unreadable) {
      return null; // a payload that cannot be read names nobody readable
    }
  }
}
