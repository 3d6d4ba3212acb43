package dev.kairos.profile.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.identity.Identifier;
import dev.kairos.ingest.TrackedEvent;
import dev.kairos.platform.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Track events Kairos itself writes about a profile (a stage change, a segment entered, an email
 * opened), shaped to go through the ingest path like any other event, so they land on the timeline
 * and reach segments and journeys.
 *
 * <p>Each carries one identifier the profile already owns — its {@code userId}, else an {@code
 * anonymousId}, else an email or phone in {@code context.traits} — so identity resolution lands it
 * on that profile and can never merge anything. The profile id itself is in {@code
 * properties.profile_id}, for reading. A profile with none of those identifiers gets no event.
 */
public final class GeneratedEvents {
  private static final List<String> KINDS =
      List.of(Identifier.USER_ID, Identifier.ANONYMOUS_ID, Identifier.EMAIL, Identifier.PHONE);

  private GeneratedEvents() {}

  /** The identifier each profile is addressed by: userId, anonymousId, email, then phone. */
  public static Map<UUID, Identifier> handles(Connection c, Collection<UUID> profiles)
      throws SQLException {
    Map<UUID, Identifier> handles = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select distinct on (profile_id) profile_id, kind, value from identifiers"
                + " where profile_id = any(?::uuid[]) and kind = any(?::text[])"
                + " order by profile_id, array_position(?::text[], kind), first_seen_at, value")) {
      ps.setArray(1, Sql.uuids(c, new HashSet<>(profiles)));
      ps.setArray(2, Sql.texts(c, KINDS));
      ps.setArray(3, Sql.texts(c, KINDS));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          handles.put(
              rs.getObject(1, UUID.class), new Identifier(rs.getString(2), rs.getString(3)));
        }
      }
    }
    return handles;
  }

  /**
   * A track event for the profile addressed by {@code handle}.
   *
   * @param messageId stable for the same fact, so an event written twice is stored once
   * @param library who wrote it ({@code context.library.name})
   */
  public static TrackedEvent event(
      ObjectMapper mapper,
      Identifier handle,
      UUID profileId,
      String name,
      String messageId,
      String library,
      ObjectNode properties,
      Instant at) {
    ObjectNode payload = mapper.createObjectNode();
    payload.put("type", "track");
    payload.put("event", name);
    payload.put("messageId", messageId);
    ObjectNode context = mapper.createObjectNode();
    context.putObject("library").put("name", library);
    switch (handle.kind()) {
      case Identifier.USER_ID -> payload.put("userId", handle.value());
      case Identifier.ANONYMOUS_ID -> payload.put("anonymousId", handle.value());
      default -> context.putObject("traits").put(handle.kind(), handle.value());
    }
    properties.put("profile_id", profileId.toString());
    payload.set("properties", properties);
    payload.set("context", context);
    payload.put("timestamp", at.toString());
    payload.put("receivedAt", at.toString());
    return TrackedEvent.fromPayload(payload);
  }
}
