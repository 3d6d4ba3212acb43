package dev.kairos.profile.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.platform.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** The events the processor could not apply and passed over (table {@code event_failures}). */
public final class EventFailures {
  private final Database database;
  private final ObjectMapper mapper;

  public EventFailures(Database database, ObjectMapper mapper) {
    this.database = database;
    this.mapper = mapper;
  }

  /** The newest failures first, each with its event as stored in the log. */
  public ArrayNode newest(int limit, int offset) {
    return database.read(
        c -> {
          ArrayNode failures = mapper.createArrayNode();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select f.seq, f.error, f.failed_at, e.payload from event_failures f"
                      + " left join events e on e.seq = f.seq"
                      + " order by f.seq desc limit ? offset ?")) {
            ps.setInt(1, limit);
            ps.setInt(2, offset);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                ObjectNode failure = failures.addObject();
                failure.put("seq", rs.getLong("seq"));
                failure.put("error", rs.getString("error"));
                failure.put("failed_at", rs.getTimestamp("failed_at").toInstant().toString());
                String payload = rs.getString("payload");
                if (payload == null) {
                  failure.putNull("event");
                } else {
                  failure.set("event", mapper.readTree(payload));
                }
              }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
              throw new IllegalStateException("an event in the log is not JSON", e);
            }
          }
          return failures;
        });
  }
}
