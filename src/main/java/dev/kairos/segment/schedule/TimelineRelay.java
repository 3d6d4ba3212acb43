package dev.kairos.segment.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.identity.Identifier;
import dev.kairos.ingest.GroupCommit;
import dev.kairos.ingest.TrackedEvent;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import dev.kairos.segment.MembershipChange;
import dev.kairos.segment.store.SegmentFeed;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first consumer of the membership feed: it turns each change into a {@code Segment Entered} /
 * {@code Segment Exited} track event (properties {@code segment_key}, {@code segment_name}) on the
 * person's timeline, through the ingest path like any other event. The {@code messageId} is {@code
 * segment-<seq>}, so a change relayed twice (a crash between the append and the cursor's commit) is
 * stored once. The event carries an identifier the profile owns (userId, anonymousId, email,
 * phone), so identity resolution lands it on that profile and can never merge anything.
 */
public final class TimelineRelay implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TimelineRelay.class);
  static final String CONSUMER = "timeline";
  static final String LIBRARY = "kairos-segments";
  private static final int BATCH = 1_000;
  private static final List<String> KINDS =
      List.of(Identifier.USER_ID, Identifier.ANONYMOUS_ID, Identifier.EMAIL, Identifier.PHONE);

  private final Database database;
  private final SegmentFeed feed;
  private final GroupCommit<?> groupCommit;
  private final ObjectMapper mapper;
  private Thread thread;
  private volatile boolean closing;
  private boolean woken;

  public TimelineRelay(
      Database database, SegmentFeed feed, GroupCommit<?> groupCommit, ObjectMapper mapper) {
    this.database = database;
    this.feed = feed;
    this.groupCommit = groupCommit;
    this.mapper = mapper;
  }

  public TimelineRelay start() {
    thread = new Thread(this::run, "kairos-segment-timeline");
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  /** New changes are in the feed (a hint; the relay also looks every second). */
  public synchronized void wake() {
    woken = true;
    notifyAll();
  }

  private void run() {
    while (!closing) {
      try {
        while (!closing && relayBatch() == BATCH) {
          // a full batch: more may wait
        }
      } catch (RuntimeException e) {
        LOG.warn("relaying segment changes to timelines failed; trying again", e);
      }
      synchronized (this) {
        try {
          if (!woken && !closing) {
            wait(1_000);
          }
          woken = false;
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** Relays the next changes after the cursor; returns how many. */
  int relayBatch() {
    return database.inTransaction(
        c -> {
          Optional<Long> cursor = feed.claimCursor(c, CONSUMER);
          if (cursor.isEmpty()) {
            return 0; // another node relays
          }
          List<MembershipChange> changes = feed.after(c, cursor.get(), BATCH);
          if (changes.isEmpty()) {
            return 0;
          }
          Map<UUID, Identifier> handles = handles(c, changes);
          List<TrackedEvent> events = new ArrayList<>(changes.size());
          for (MembershipChange change : changes) {
            Identifier handle = handles.get(change.profileId());
            if (handle != null) {
              events.add(event(change, handle));
            }
          }
          if (!events.isEmpty()) {
            groupCommit.submit(events).join();
          }
          feed.advance(c, CONSUMER, changes.get(changes.size() - 1).seq());
          return changes.size();
        });
  }

  private TrackedEvent event(MembershipChange change, Identifier handle) {
    ObjectNode payload = mapper.createObjectNode();
    payload.put("type", "track");
    payload.put("event", change.kind().event());
    payload.put("messageId", "segment-" + change.seq());
    ObjectNode context = mapper.createObjectNode();
    context.putObject("library").put("name", LIBRARY);
    switch (handle.kind()) {
      case Identifier.USER_ID -> payload.put("userId", handle.value());
      case Identifier.ANONYMOUS_ID -> payload.put("anonymousId", handle.value());
      default -> context.putObject("traits").put(handle.kind(), handle.value());
    }
    ObjectNode properties = payload.putObject("properties");
    properties.put("segment_key", change.segmentKey());
    properties.put("segment_name", change.segmentName());
    properties.put("profile_id", change.profileId().toString());
    properties.put("cause", change.cause().value());
    payload.set("context", context);
    payload.put("timestamp", change.changedAt().toString());
    payload.put("receivedAt", change.changedAt().toString());
    return TrackedEvent.fromPayload(payload);
  }

  /** The identifier each profile is addressed by: userId, anonymousId, email, then phone. */
  private static Map<UUID, Identifier> handles(Connection c, List<MembershipChange> changes)
      throws SQLException {
    Set<UUID> ids = new HashSet<>();
    changes.forEach(change -> ids.add(change.profileId()));
    Map<UUID, Identifier> handles = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select distinct on (profile_id) profile_id, kind, value from identifiers"
                + " where profile_id = any(?::uuid[]) and kind = any(?::text[])"
                + " order by profile_id, array_position(?::text[], kind), first_seen_at, value")) {
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
  }

  @Override
  public void close() {
    closing = true;
    wake();
    if (thread != null) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
