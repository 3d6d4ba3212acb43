package dev.kairos.intelligence.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.identity.Identifier;
import dev.kairos.ingest.GroupCommit;
import dev.kairos.ingest.Receipt;
import dev.kairos.ingest.TrackedEvent;
import dev.kairos.intelligence.LifecycleStep;
import dev.kairos.intelligence.lifecycle.StageChange;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records lifecycle stage changes as {@value StageChange#EVENT} track events through the ingest
 * path (group commit, identity resolution, event log), so they land on the profile's timeline and
 * reach segments and journeys like any other event.
 *
 * <p>The event carries one identifier the profile already owns, so identity resolution lands it on
 * that profile and can never merge anything: its {@code userId}, else an {@code anonymousId}, else
 * an email or phone in {@code context.traits}. The profile id itself is in {@code
 * properties.profile_id} for reading, not for resolution. A profile with none of those identifiers
 * (only e.g. a WeChat openid) gets its new stage without an event.
 *
 * <p>The {@code messageId} is {@code lifecycle-<profile>-<from>-<to>-<UTC date>}: a recompute
 * repeated the same day (after a crash between recording the event and storing the stage) stores
 * the event once.
 */
public final class StageChangeEvents implements LifecycleStep.Announcements {
  private static final Logger LOG = LoggerFactory.getLogger(StageChangeEvents.class);
  private static final int GROUP = 1_000;
  private static final List<String> KINDS =
      List.of(Identifier.USER_ID, Identifier.ANONYMOUS_ID, Identifier.EMAIL, Identifier.PHONE);

  private final Database database;
  private final GroupCommit<?> groupCommit;
  private final ObjectMapper mapper;

  public StageChangeEvents(Database database, GroupCommit<?> groupCommit, ObjectMapper mapper) {
    this.database = database;
    this.groupCommit = groupCommit;
    this.mapper = mapper;
  }

  /**
   * Submits all changes at once (group commit stores them in as few transactions as it can) and
   * returns when every one is committed.
   */
  @Override
  public int announce(List<StageChange> changes) {
    List<CompletableFuture<Receipt>> submitted = new ArrayList<>();
    for (int from = 0; from < changes.size(); from += GROUP) {
      List<StageChange> group = changes.subList(from, Math.min(changes.size(), from + GROUP));
      Map<UUID, Identifier> handles = handles(group);
      List<TrackedEvent> events = new ArrayList<>(group.size());
      for (StageChange change : group) {
        Identifier handle = handles.get(change.profileId());
        if (handle == null) {
          LOG.warn(
              "profile {} has no userId, anonymousId, email or phone; its stage change to {} is"
                  + " stored without an event",
              change.profileId(),
              change.to().value());
          continue;
        }
        events.add(event(change, handle));
      }
      submitted.add(groupCommit.submit(events));
    }
    int stored = 0;
    for (CompletableFuture<Receipt> done : submitted) {
      stored += done.join().stored();
    }
    return stored;
  }

  static String messageId(StageChange change) {
    return "lifecycle-"
        + change.profileId()
        + "-"
        + change.from().map(s -> s.value()).orElse("none")
        + "-"
        + change.to().value()
        + "-"
        + change.at().atZone(ZoneOffset.UTC).toLocalDate();
  }

  private TrackedEvent event(StageChange change, Identifier handle) {
    ObjectNode payload = mapper.createObjectNode();
    payload.put("type", "track");
    payload.put("event", StageChange.EVENT);
    payload.put("messageId", messageId(change));
    ObjectNode context = mapper.createObjectNode();
    context.putObject("library").put("name", "kairos-intelligence");
    switch (handle.kind()) {
      case Identifier.USER_ID -> payload.put("userId", handle.value());
      case Identifier.ANONYMOUS_ID -> payload.put("anonymousId", handle.value());
      default -> context.putObject("traits").put(handle.kind(), handle.value());
    }
    ObjectNode properties = payload.putObject("properties");
    change.eventProperties().forEach(properties::put);
    properties.put("profile_id", change.profileId().toString());
    payload.set("context", context);
    payload.put("timestamp", change.at().toString());
    payload.put("receivedAt", change.at().toString());
    return TrackedEvent.fromPayload(payload);
  }

  /** The identifier each profile is addressed by: userId, anonymousId, email, then phone. */
  private Map<UUID, Identifier> handles(List<StageChange> changes) {
    Set<UUID> ids = new HashSet<>();
    changes.forEach(change -> ids.add(change.profileId()));
    return database.read(
        c -> {
          Map<UUID, Identifier> handles = new HashMap<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select distinct on (profile_id) profile_id, kind, value from identifiers"
                      + " where profile_id = any(?::uuid[]) and kind = any(?::text[])"
                      + " order by profile_id, array_position(?::text[], kind), first_seen_at,"
                      + " value")) {
            ps.setArray(1, Sql.uuids(c, ids));
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
        });
  }
}
