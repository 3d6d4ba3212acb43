package dev.kairos.ingest.store;

import dev.kairos.ingest.TrackedEvent;
import dev.kairos.platform.db.Columns;
import dev.kairos.platform.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The append-only event log (table {@code events}). */
public final class EventLog {

  /** Which of these message ids are already stored. */
  public Set<String> known(Connection c, Collection<String> messageIds) throws SQLException {
    Set<String> known = new HashSet<>();
    if (messageIds.isEmpty()) {
      return known;
    }
    try (PreparedStatement ps =
        c.prepareStatement("select message_id from events where message_id = any(?::text[])")) {
      ps.setArray(1, Sql.texts(c, messageIds));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          known.add(rs.getString(1));
        }
      }
    }
    return known;
  }

  /** Appends events, each with the profile it was applied to, in the given order. */
  public void append(Connection c, List<TrackedEvent> events, List<UUID> profileIds)
      throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    Columns rows = new Columns(9);
    for (int i = 0; i < events.size(); i++) {
      TrackedEvent e = events.get(i);
      rows.row(
          e.messageId(),
          e.type().wireName(),
          e.name(),
          profileIds.get(i),
          e.userId(),
          e.anonymousId(),
          e.timestamp(),
          e.receivedAt(),
          e.json());
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into events (message_id, type, event, profile_id, user_id, anonymous_id,"
                + " occurred_at, received_at, payload)"
                + " select m, t, e, p, uid, aid, o, r, j from unnest(?::text[], ?::text[],"
                + " ?::text[], ?::uuid[], ?::text[], ?::text[], ?::timestamptz[],"
                + " ?::timestamptz[], ?::jsonb[])"
                + " with ordinality as u(m, t, e, p, uid, aid, o, r, j, n) order by n")) {
      rows.bind(c, ps, 1);
      ps.executeUpdate();
    }
  }
}
