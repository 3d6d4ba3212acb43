package dev.kairos.delivery.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.delivery.Channel;
import dev.kairos.delivery.Decision;
import dev.kairos.delivery.DeliveryPolicy;
import dev.kairos.delivery.TemplateVariables;
import dev.kairos.journey.TraceEntry;
import dev.kairos.journey.store.RunTraces;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import dev.kairos.platform.http.Json;
import dev.kairos.template.Rendering;
import dev.kairos.template.Template;
import dev.kairos.template.TemplateRenderer;
import dev.kairos.template.store.TemplateStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers due messages of the outbox. Each call claims a batch with {@code FOR UPDATE SKIP LOCKED}
 * (highest priority first), decides each by {@link DeliveryPolicy}, renders it and hands it to its
 * channel, recording every attempt in {@code delivery_attempts}. A retryable failure is tried again
 * with exponential backoff ({@link #FIRST_BACKOFF} doubling, {@link #MAX_ATTEMPTS} attempts), then
 * on the next fallback channel; the run's trace records what became of its message.
 */
public final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  public static final int MAX_ATTEMPTS = 5;
  public static final Duration FIRST_BACKOFF = Duration.ofSeconds(30);

  private final Database database;
  private final TemplateStore templates;
  private final TemplateRenderer renderer;
  private final TemplateVariables variables;
  private final DeliveryPolicy policy;
  private final Map<String, Channel> channels;
  private final java.util.function.Function<String, Channel> sandbox;
  private final PersonFacts people;
  private final dev.kairos.delivery.SendSuppression suppression;
  private final Clock clock;
  private final int batch;

  public Dispatcher(
      Database database,
      TemplateStore templates,
      TemplateRenderer renderer,
      TemplateVariables variables,
      DeliveryPolicy policy,
      Map<String, Channel> channels,
      java.util.function.Function<String, Channel> sandbox,
      java.time.ZoneId workspaceZone,
      dev.kairos.delivery.SendSuppression suppression,
      Clock clock,
      int batch) {
    this.database = database;
    this.templates = templates;
    this.renderer = renderer;
    this.variables = variables;
    this.policy = policy;
    this.channels = channels;
    this.sandbox = sandbox;
    this.people = new PersonFacts(workspaceZone);
    this.suppression = suppression;
    this.clock = clock;
    this.batch = batch;
  }

  /** A claimed message. */
  record Due(
      long id,
      String key,
      java.util.UUID runId,
      String step,
      java.util.UUID profileId,
      String channel,
      List<String> fallbacks,
      String template,
      String topic,
      int priority,
      int attempts,
      String variables) {}

  /** Claims and handles one batch of due messages; the number handled. */
  public int dispatchDue() {
    Instant now = clock.instant();
    return database.inTransaction(
        c -> {
          List<Due> due =
              Sql.list(
                  c,
                  "select id, idempotency_key, run_id, step, profile_id, channel,"
                      + " fallbacks, template, topic, priority, attempts, variables::text from messages"
                      + " where status in ('queued', 'deferred') and due_at <= ?"
                      + " order by priority desc, due_at limit ? for update skip locked",
                  rs ->
                      new Due(
                          rs.getLong(1),
                          rs.getString(2),
                          Sql.uuid(rs, "run_id"),
                          rs.getString(4),
                          Sql.uuid(rs, "profile_id"),
                          rs.getString(6),
                          Arrays.asList((String[]) rs.getArray(7).getArray()),
                          rs.getString(8),
                          rs.getString(9),
                          rs.getInt(10),
                          rs.getInt(11),
                          rs.getString(12)),
                  Sql.timestamp(now),
                  batch);
          for (Due message : due) {
            Savepoint savepoint = c.setSavepoint();
            try {
              handle(c, message, now);
              c.releaseSavepoint(savepoint);
            } catch (RuntimeException e) {
              c.rollback(savepoint);
              LOG.error("message {} could not be handled", message.id(), e);
              finish(c, message, "failed", "delivery failed: " + e.getMessage(), null, now);
            }
          }
          return due.size();
        });
  }

  /** Dispatches until nothing is due; the number handled. */
  public int dispatchAllDue() {
    int total = 0;
    for (int n = dispatchDue(); n > 0; n = dispatchDue()) {
      total += n;
    }
    return total;
  }

  private void handle(Connection c, Due m, Instant now) throws SQLException {
    PersonFacts.Person person = people.of(c, m.profileId(), m.channel(), now);
    Optional<String> suppressed = suppression.reason(m.profileId(), m.channel(), person.address());
    Decision decision =
        policy.decide(
            new DeliveryPolicy.Facts(
                person.suppressed() || suppressed.isPresent(),
                person.zone(),
                m.channel(),
                m.topic(),
                m.priority(),
                person.sent()),
            now);
    if (decision instanceof Decision.Suppress s) {
      finish(c, m, "suppressed", suppressed.orElse(s.reason()), null, now);
    } else if (decision instanceof Decision.Defer d) {
      Sql.update(
          c,
          "update messages set status = 'deferred', reason = ?, due_at = ?, updated_at = ?"
              + " where id = ?",
          d.reason(),
          Sql.timestamp(d.until()),
          Sql.timestamp(now),
          m.id());
      trace(c, m, "deferred", detail(d.reason()).put("until", d.until().toString()), now);
    } else {
      send(c, m, person, now);
    }
  }

  private void send(Connection c, Due m, PersonFacts.Person person, Instant now)
      throws SQLException {
    Optional<Rendering> rendering = render(c, m);
    if (rendering.isEmpty() || rendering.get() instanceof Rendering.Failed) {
      String reason =
          rendering
              .map(r -> ((Rendering.Failed) r).reason())
              .orElse("no template " + m.template() + " or no such profile");
      finish(c, m, "failed", reason, null, now);
      return;
    }
    Rendering.Rendered rendered = (Rendering.Rendered) rendering.get();
    Channel channel = channels.getOrDefault(m.channel(), sandbox.apply(m.channel()));
    int attempt = m.attempts() + 1;
    Channel.Handoff handoff =
        channel.deliver(
            new Channel.OutboundMessage(
                m.id(),
                m.key(),
                m.profileId(),
                m.channel(),
                person.address(),
                rendered.subject(),
                rendered.body()));
    String outcome =
        handoff instanceof Channel.Handoff.Sent
            ? "sent"
            : handoff instanceof Channel.Handoff.Sandboxed ? "sandboxed" : "failed";
    String error = handoff instanceof Channel.Handoff.Failed f ? f.error() : null;
    Sql.update(
        c,
        "insert into delivery_attempts (message_id, attempt, channel, at, outcome, error)"
            + " values (?, ?, ?, ?, ?, ?)",
        m.id(),
        attempt,
        m.channel(),
        Sql.timestamp(now),
        outcome,
        error);
    Sql.update(
        c,
        "update messages set attempts = ?, subject = ?, body = ? where id = ?",
        attempt,
        rendered.subject(),
        rendered.body(),
        m.id());
    if (!(handoff instanceof Channel.Handoff.Failed failed)) {
      finish(c, m, outcome, null, now, now);
    } else if (failed.retryable() && attempt < MAX_ATTEMPTS) {
      Instant retry = now.plus(FIRST_BACKOFF.multipliedBy(1L << (attempt - 1)));
      Sql.update(
          c,
          "update messages set status = 'queued', reason = ?, due_at = ?, updated_at = ?"
              + " where id = ?",
          "attempt " + attempt + " failed: " + error,
          Sql.timestamp(retry),
          Sql.timestamp(now),
          m.id());
    } else if (!m.fallbacks().isEmpty()) {
      Sql.update(
          c,
          "update messages set status = 'queued', channel = ?, fallbacks = ?, attempts = 0,"
              + " reason = ?, due_at = ?, updated_at = ? where id = ?",
          m.fallbacks().get(0),
          Sql.texts(c, m.fallbacks().subList(1, m.fallbacks().size())),
          m.channel() + " failed (" + error + "); falling back to " + m.fallbacks().get(0),
          Sql.timestamp(now),
          Sql.timestamp(now),
          m.id());
    } else {
      finish(c, m, "failed", error, null, now);
    }
  }

  private Optional<Rendering> render(Connection c, Due m) throws SQLException {
    com.fasterxml.jackson.databind.JsonNode run;
    try {
      run = Json.MAPPER.readTree(m.variables());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a message's variables are not JSON", e);
    }
    if (m.channel().equals("webhook")) {
      return Optional.of(new Rendering.Rendered(null, m.variables()));
    }
    Optional<Template> template = templates.find(c, m.template());
    Optional<Map<String, Object>> values = variables.of(m.profileId(), run);
    if (template.isEmpty() || values.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(renderer.render(template.get(), values.get()));
  }

  private void finish(
      Connection c, Due m, String status, String reason, Instant sentAt, Instant now)
      throws SQLException {
    Sql.update(
        c,
        "update messages set status = ?, reason = ?, sent_at = ?, updated_at = ? where id = ?",
        status,
        reason,
        Sql.timestamp(sentAt),
        Sql.timestamp(now),
        m.id());
    trace(
        c, m, status, reason == null ? JsonNodeFactory.instance.objectNode() : detail(reason), now);
  }

  private static ObjectNode detail(String reason) {
    return JsonNodeFactory.instance.objectNode().put("reason", reason);
  }

  private static void trace(Connection c, Due m, String outcome, ObjectNode detail, Instant now)
      throws SQLException {
    if (m.runId() != null) {
      detail.put("message_id", m.id()).put("channel", m.channel());
      RunTraces.record(c, m.runId(), new TraceEntry(m.step(), "delivery", outcome, detail), now);
    }
  }
}
