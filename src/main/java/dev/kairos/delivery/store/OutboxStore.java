package dev.kairos.delivery.store;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.kairos.journey.SendRequest;
import dev.kairos.journey.store.SendQueue;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbox (table {@code messages}): one row per idempotency key, whatever retries, crashes or
 * nodes do, written in the transaction of the step that sends.
 */
public final class OutboxStore implements SendQueue {
  private final Database database;

  public OutboxStore(Database database) {
    this.database = database;
  }

  @Override
  public void queue(Connection c, SendRequest r) throws SQLException {
    insert(c, r);
  }

  private static int insert(Connection c, SendRequest r) throws SQLException {
    return Sql.update(
        c,
        "insert into messages (idempotency_key, run_id, journey_key, step, profile_id,"
            + " channel, fallbacks, template, topic, priority, status, due_at, variables, created_at,"
            + " updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?::jsonb, ?, ?)"
            + " on conflict (idempotency_key) do nothing",
        r.idempotencyKey(),
        r.runId(),
        r.journeyKey(),
        r.step(),
        r.profileId(),
        r.channel(),
        Sql.texts(c, r.fallbacks()),
        r.template(),
        r.topic(),
        r.priority().rank(),
        Sql.timestamp(r.at()),
        r.variables().toString(),
        Sql.timestamp(r.at()),
        Sql.timestamp(r.at()));
  }

  /**
   * Queues a message outside any journey (a transactional send by API) unless its key is taken;
   * true when this call queued it.
   */
  public boolean queueOnce(SendRequest r) {
    return database.inTransaction(c -> insert(c, r) == 1);
  }

  /** The message with this idempotency key. */
  public Optional<Message> byKey(String idempotencyKey) {
    return database.read(
        c ->
            Sql.list(
                    c,
                    "select * from messages where idempotency_key = ?",
                    OutboxStore::message,
                    idempotencyKey)
                .stream()
                .findFirst());
  }

  /** A message as {@code GET /api/messages} shows it. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Message(
      long id,
      UUID profileId,
      String journey,
      String step,
      String channel,
      String status,
      String reason,
      String subject,
      String body,
      int attempts,
      String template,
      String topic,
      String idempotencyKey,
      Instant createdAt,
      Instant dueAt,
      Instant sentAt) {}

  /** A filter of the message list; absent parts match everything. */
  public record Filter(
      Optional<UUID> profileId,
      Optional<String> journey,
      Optional<String> status,
      Optional<String> step,
      int limit,
      long after) {}

  public List<Message> list(Filter f) {
    List<Object> params = new ArrayList<>();
    StringBuilder where = new StringBuilder(" where id > ?");
    params.add(f.after());
    f.profileId()
        .ifPresent(
            p -> {
              where.append(" and profile_id = ?");
              params.add(p);
            });
    f.journey()
        .ifPresent(
            j -> {
              where.append(" and journey_key = ?");
              params.add(j);
            });
    f.status()
        .ifPresent(
            s -> {
              where.append(" and status = ?");
              params.add(s);
            });
    f.step()
        .ifPresent(
            s -> {
              where.append(" and step = ?");
              params.add(s);
            });
    params.add(f.limit());
    return database.read(
        c ->
            Sql.list(
                c,
                "select * from messages" + where + " order by id limit ?",
                OutboxStore::message,
                params.toArray()));
  }

  private static Message message(ResultSet rs) throws SQLException {
    return new Message(
        rs.getLong("id"),
        Sql.uuid(rs, "profile_id"),
        rs.getString("journey_key"),
        rs.getString("step"),
        rs.getString("channel"),
        rs.getString("status"),
        rs.getString("reason"),
        rs.getString("subject"),
        rs.getString("body"),
        rs.getInt("attempts"),
        rs.getString("template"),
        rs.getString("topic"),
        rs.getString("idempotency_key"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "due_at"),
        Sql.instant(rs, "sent_at"));
  }
}
