package dev.kairos.ingest.store;

import dev.kairos.ingest.TrackedEvent;
import dev.kairos.platform.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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
    int n = events.size();
    List<String> messageIds = new ArrayList<>(n);
    List<String> types = new ArrayList<>(n);
    List<String> names = new ArrayList<>(n);
    List<String> userIds = new ArrayList<>(n);
    List<String> anonymousIds = new ArrayList<>(n);
    List<String> occurred = new ArrayList<>(n);
    List<String> received = new ArrayList<>(n);
    List<String> payloads = new ArrayList<>(n);
    for (TrackedEvent e : events) {
      messageIds.add(e.messageId());
      types.add(e.type().wireName());
      names.add(e.name());
      userIds.add(e.userId());
      anonymousIds.add(e.anonymousId());
      occurred.add(e.timestamp().toString());
      received.add(e.receivedAt().toString());
      payloads.add(e.json());
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into events (message_id, type, event, profile_id, user_id, anonymous_id,"
                + " occurred_at, received_at, payload)"
                + " select m, t, e, p, uid, aid, o, r, j from unnest(?::text[], ?::text[], ?::text[],"
                + " ?::uuid[], ?::text[],"
                + " ?::text[], ?::timestamptz[], ?::timestamptz[], ?::jsonb[])"
                + " with ordinality as u(m, t, e, p, uid, aid, o, r, j, n) order by n")) {
      ps.setArray(1, Sql.texts(c, messageIds));
      ps.setArray(2, Sql.texts(c, types));
      ps.setArray(3, Sql.texts(c, names));
      ps.setArray(4, Sql.uuids(c, profileIds));
      ps.setArray(5, Sql.texts(c, userIds));
      ps.setArray(6, Sql.texts(c, anonymousIds));
      ps.setArray(7, Sql.texts(c, occurred));
      ps.setArray(8, Sql.texts(c, received));
      ps.setArray(9, Sql.texts(c, payloads));
      ps.executeUpdate();
    }
  }
}
