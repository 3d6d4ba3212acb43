package dev.kairos.delivery.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.delivery.DeliveryEvents;
import dev.kairos.identity.Identifier;
import dev.kairos.ingest.GroupCommit;
import dev.kairos.ingest.TrackedEvent;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import dev.kairos.profile.store.GeneratedEvents;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records delivery events on the message's person through the ingest path ({@link
 * GeneratedEvents}), linked to the message: properties {@code message_id}, {@code journey}, {@code
 * step}, {@code channel}, {@code template}, {@code topic}, and the event's own.
 *
 * <p>The {@code messageId} is {@code delivery-<message>-<event>}: a fact that happens once per
 * message ("Email Sent" after a repeated hand-off) is stored once. Events that may happen again
 * (names ending in "Opened" or "Clicked") add the second they happened and, for a click, a hash of
 * its URL, so a repeated request within the second is one event and a later one is another.
 *
 * <p>{@link #record} hands the events to group commit and returns; they are on the timeline a
 * moment later (a crash in that moment loses them; the message's own status is in the outbox).
 */
public final class DeliveryEventLog implements DeliveryEvents {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryEventLog.class);
  static final String LIBRARY = "kairos-delivery";

  private final Database database;
  private final GroupCommit<?> groupCommit;
  private final ObjectMapper mapper;

  public DeliveryEventLog(Database database, GroupCommit<?> groupCommit, ObjectMapper mapper) {
    this.database = database;
    this.groupCommit = groupCommit;
    this.mapper = mapper;
  }

  private record MessageFacts(
      UUID profileId, String journey, String step, String channel, String template, String topic) {}

  @Override
  public void record(List<DeliveryEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    List<TrackedEvent> tracked = tracked(events);
    if (tracked.isEmpty()) {
      return;
    }
    CompletableFuture<?> stored = groupCommit.submit(tracked);
    stored.whenComplete(
        (receipt, failure) -> {
          if (failure != null) {
            LOG.warn("{} delivery events could not be stored", tracked.size(), failure);
          }
        });
  }

  /** Records and waits until the events are stored. */
  public void recordAndWait(List<DeliveryEvent> events) {
    List<TrackedEvent> tracked = tracked(events);
    if (!tracked.isEmpty()) {
      groupCommit.submit(tracked).join();
    }
  }

  private List<TrackedEvent> tracked(List<DeliveryEvent> events) {
    return database.read(
        c -> {
          List<Long> ids = events.stream().map(DeliveryEvent::messageId).distinct().toList();
          Map<Long, MessageFacts> messages = new HashMap<>();
          for (var row :
              Sql.list(
                  c,
                  "select id, profile_id, journey_key, step, channel, template, topic"
                      + " from messages where id = any(?::bigint[])",
                  rs ->
                      Map.entry(
                          rs.getLong(1),
                          new MessageFacts(
                              Sql.uuid(rs, "profile_id"),
                              rs.getString(3),
                              rs.getString(4),
                              rs.getString(5),
                              rs.getString(6),
                              rs.getString(7))),
                  c.createArrayOf("bigint", ids.toArray()))) {
            messages.put(row.getKey(), row.getValue());
          }
          Map<UUID, Identifier> handles =
              GeneratedEvents.handles(
                  c, messages.values().stream().map(MessageFacts::profileId).toList());
          List<TrackedEvent> tracked = new ArrayList<>(events.size());
          for (DeliveryEvent e : events) {
            MessageFacts m = messages.get(e.messageId());
            Identifier handle = m == null ? null : handles.get(m.profileId());
            if (handle == null) {
              LOG.debug("{} of message {}: no such message or no handle", e.name(), e.messageId());
              continue;
            }
            tracked.add(
                GeneratedEvents.event(
                    mapper,
                    handle,
                    m.profileId(),
                    e.name(),
                    messageId(e),
                    LIBRARY,
                    properties(e, m),
                    e.at()));
          }
          return tracked;
        });
  }

  private ObjectNode properties(DeliveryEvent e, MessageFacts m) {
    ObjectNode p = mapper.createObjectNode();
    p.put("message_id", e.messageId());
    p.put("journey", m.journey());
    p.put("step", m.step());
    p.put("channel", m.channel());
    p.put("template", m.template());
    p.put("topic", m.topic());
    e.properties().forEach((k, v) -> p.set(k, mapper.valueToTree(v)));
    return p;
  }

  static String messageId(DeliveryEvent e) {
    String name = e.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    String id = "delivery-" + e.messageId() + "-" + name;
    if (e.name().endsWith("Opened") || e.name().endsWith("Clicked")) {
      id += "-" + e.at().getEpochSecond();
      Object url = e.properties().get("url");
      if (url != null) {
        id += "-" + hash(url.toString());
      }
    }
    return id;
  }

  private static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
