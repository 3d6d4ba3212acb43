package dev.kairos.delivery.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.delivery.Addresses;
import dev.kairos.delivery.Channel;
import dev.kairos.delivery.ChannelDirectory;
import dev.kairos.delivery.ConsentCheck;
import dev.kairos.delivery.Decision;
import dev.kairos.delivery.DeliveryPolicy;
import dev.kairos.delivery.EmailContent;
import dev.kairos.delivery.Links;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

  /**
   * Channels that need an address of the person's when configured (webhooks do not; nor does the
   * sandbox, which keeps a message in Kairos).
   */
  private static final Set<String> ADDRESSED = Set.of("email", "sms", "push", "wechat", "whatsapp");

  private final Database database;
  private final TemplateStore templates;
  private final TemplateRenderer renderer;
  private final TemplateVariables variables;
  private final DeliveryPolicy policy;
  private final ChannelDirectory channels;
  private final java.util.function.Function<String, Channel> sandbox;
  private final PersonFacts people;
  private final dev.kairos.delivery.SendSuppression suppression;
  private final ConsentCheck consent;
  private final Links links;
  private final EmailContent emailContent;
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
      ConsentCheck consent,
      Links links,
      Clock clock,
      int batch) {
    this(
        database,
        templates,
        renderer,
        variables,
        policy,
        ChannelDirectory.of(channels),
        sandbox,
        workspaceZone,
        suppression,
        consent,
        links,
        clock,
        batch);
  }

  /**
   * @param channels asked for every message, so a channel configured meanwhile is used at once
   */
  public Dispatcher(
      Database database,
      TemplateStore templates,
      TemplateRenderer renderer,
      TemplateVariables variables,
      DeliveryPolicy policy,
      ChannelDirectory channels,
      java.util.function.Function<String, Channel> sandbox,
      java.time.ZoneId workspaceZone,
      dev.kairos.delivery.SendSuppression suppression,
      ConsentCheck consent,
      Links links,
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
    this.consent = consent;
    this.links = links;
    this.emailContent = new EmailContent(links);
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

  /**
   * Chooses the message's channel now: the first of its channel and fallbacks the person can be
   * reached on (an address, not suppressed, consent given), then applies the policy to it.
   */
  private void handle(Connection c, Due m, Instant now) throws SQLException {
    List<String> candidates = new ArrayList<>();
    candidates.add(m.channel());
    candidates.addAll(m.fallbacks());
    List<String> refusals = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      PersonFacts.Person person = people.of(c, m.profileId(), candidates.get(i), now);
      Optional<String> refusal = refusal(m, candidates.get(i), person);
      if (refusal.isEmpty()) {
        Due chosen = i == 0 ? m : switchChannel(c, m, candidates, i, refusals, now);
        decide(c, chosen, person, now);
        return;
      }
      refusals.add(
          candidates.size() == 1 ? refusal.get() : candidates.get(i) + ": " + refusal.get());
    }
    finish(c, m, "suppressed", String.join("; ", refusals), null, now);
  }

  /** Why the person cannot get the message on this channel, or empty when they can. */
  private Optional<String> refusal(Due m, String channel, PersonFacts.Person person) {
    Optional<String> suppressed = suppression.reason(m.profileId(), channel, person.address());
    if (suppressed.isPresent()) {
      return suppressed;
    }
    if (person.suppressed()) {
      return Optional.of("the profile is suppressed");
    }
    boolean configured = channels.find(channel).isPresent(); // the sandbox needs no address
    if (configured
        && ADDRESSED.contains(channel)
        && (person.address() == null || person.address().isBlank())) {
      return Optional.of(Addresses.missing(channel));
    }
    return consent.refusal(m.profileId(), channel, m.topic());
  }

  private static Due switchChannel(
      Connection c, Due m, List<String> candidates, int chosen, List<String> refusals, Instant now)
      throws SQLException {
    List<String> rest = candidates.subList(chosen + 1, candidates.size());
    String reason = String.join("; ", refusals) + "; sending by " + candidates.get(chosen);
    Sql.update(
        c,
        "update messages set channel = ?, fallbacks = ?, reason = ?, updated_at = ? where id = ?",
        candidates.get(chosen),
        Sql.texts(c, rest),
        reason,
        Sql.timestamp(now),
        m.id());
    return new Due(
        m.id(),
        m.key(),
        m.runId(),
        m.step(),
        m.profileId(),
        candidates.get(chosen),
        List.copyOf(rest),
        m.template(),
        m.topic(),
        m.priority(),
        m.attempts(),
        m.variables());
  }

  private void decide(Connection c, Due m, PersonFacts.Person person, Instant now)
      throws SQLException {
    Decision decision =
        policy.decide(
            new DeliveryPolicy.Facts(
                person.suppressed(),
                person.zone(),
                m.channel(),
                m.topic(),
                m.priority(),
                person.sent()),
            now);
    if (decision instanceof Decision.Suppress s) {
      finish(c, m, "suppressed", s.reason(), null, now);
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
    Channel channel = channels.find(m.channel()).orElseGet(() -> sandbox.apply(m.channel()));
    // a webhook step's URL travels in the template column
    String address = m.channel().equals("webhook") ? m.template() : person.address();
    int attempt = m.attempts() + 1;
    Channel.Handoff handoff =
        channel.deliver(
            new Channel.OutboundMessage(
                m.id(), m.key(), m.profileId(), m.channel(), m.topic(), address, rendered));
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
        rendered.mainPart(),
        m.id());
    if (handoff instanceof Channel.Handoff.Sent sent && sent.providerId() != null) {
      Sql.update(c, "update messages set provider_id = ? where id = ?", sent.providerId(), m.id());
    }
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
      return Optional.of(new Rendering.Rendered(null, null, null, null, m.variables(), Map.of()));
    }
    Optional<Template> template = templates.find(c, m.template());
    Optional<Map<String, Object>> values = variables.of(m.profileId(), run);
    if (template.isEmpty() || values.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> withLinks = new HashMap<>(values.get());
    withLinks.put("unsubscribe_url", links.unsubscribeUrl(m.id()));
    withLinks.put("preferences_url", links.preferencesUrl(m.profileId()));
    Rendering rendering = renderer.render(template.get(), withLinks);
    // tracking goes on the way out to a real mail server (a sandboxed email is kept as written)
    if (rendering instanceof Rendering.Rendered rendered
        && m.channel().equals("email")
        && channels.find("email").isPresent()) {
      rendering = emailContent.finish(rendered, template.get(), m.id());
    }
    return Optional.of(rendering);
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
