package dev.kairos.segment.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kairos.segment.condition.Behaviour;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A person's track events of some names, with their properties, from the event log: their own and
 * those of the profiles merged into them. For conditions that filter events by properties.
 */
final class RecordedEvents {
  private RecordedEvents() {}

  static Map<UUID, List<Behaviour.Recorded>> load(
      Connection c, Set<UUID> ids, Set<String> events, ObjectMapper json) throws SQLException {
    Map<UUID, List<Behaviour.Recorded>> recorded = new HashMap<>();
    if (events.isEmpty()) {
      return recorded;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "with recursive tree (root, id) as ("
                + " select id, id from unnest(?::uuid[]) as roots (id)"
                + " union all"
                + " select t.root, p.id from profiles p join tree t on p.merged_into = t.id)"
                + " select t.root, e.event, l.occurred_at, e.payload"
                + " from tree t join event_profiles l on l.profile_id = t.id"
                + " join events e on e.seq = l.seq"
                + " where e.type = 'track' and e.event = any(?::text[])")) {
      ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
      ps.setArray(2, c.createArrayOf("text", events.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          recorded
              .computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
              .add(
                  new Behaviour.Recorded(
                      rs.getString(2),
                      rs.getObject(3, OffsetDateTime.class).toInstant(),
                      properties(json, rs.getString(4))));
        }
      }
    }
    return recorded;
  }

  private static JsonNode properties(ObjectMapper json, String payload) {
    try {
      return json.readTree(payload).path("properties");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored event is not JSON", e);
    }
  }
}
