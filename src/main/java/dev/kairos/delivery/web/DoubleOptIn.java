package dev.kairos.delivery.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.consent.ConsentSettings;
import dev.kairos.consent.store.ConsentStore;
import dev.kairos.delivery.Links;
import dev.kairos.delivery.store.OutboxStore;
import dev.kairos.delivery.store.ReachableAddresses;
import dev.kairos.journey.JourneyDefinition;
import dev.kairos.journey.SendRequest;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import dev.kairos.platform.http.HttpProblem;
import dev.kairos.platform.http.Json;
import dev.kairos.platform.http.RouteGroup;
import dev.kairos.platform.signing.Signer;
import dev.kairos.profile.ConsentChange;
import dev.kairos.template.Template;
import dev.kairos.template.store.TemplateStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Double opt-in for email. {@code POST /api/profiles/{id}/consent/double-opt-in} ({@code {"topic",
 * "source"}}) queues a confirmation message (transactional, built-in template {@value #TEMPLATE})
 * holding a signed link; the person's consent is unchanged until they confirm. {@code GET
 * /confirm/{token}} shows a page with a button (mail scanners follow links), {@code POST} grants
 * the topic by email with source {@value #SOURCE}; repeating it changes nothing more.
 */
public final class DoubleOptIn implements RouteGroup {
  public static final String TEMPLATE = "consent-confirmation";
  public static final String SOURCE = "double_opt_in";
  static final String PURPOSE = "double-opt-in";

  private final Database database;
  private final Links links;
  private final Signer signer;
  private final ConsentStore consent;
  private final ConsentSettings settings;
  private final ReachableAddresses addresses;
  private final TemplateStore templates;
  private final OutboxStore outbox;
  private final Clock clock;

  public DoubleOptIn(
      Database database,
      Links links,
      Signer signer,
      ConsentStore consent,
      ConsentSettings settings,
      ReachableAddresses addresses,
      TemplateStore templates,
      Clock clock) {
    this.database = database;
    this.links = links;
    this.signer = signer;
    this.consent = consent;
    this.settings = settings;
    this.addresses = addresses;
    this.templates = templates;
    this.outbox = new OutboxStore(database);
    this.clock = clock;
  }

  /** A confirmation on its way. */
  public record Pending(
      @JsonProperty("profile_id") UUID profileId,
      String channel,
      String topic,
      String status,
      @JsonProperty("message_id") long messageId) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.post("/api/profiles/{id}/consent/double-opt-in", this::start);
    routes.get("/confirm/{token}", this::page);
    routes.post("/confirm/{token}", this::confirm);
  }

  private void start(Context ctx) {
    UUID id = id(ctx);
    JsonNode body = body(ctx.body());
    String topic = body.path("topic").asText("");
    if (!settings.marketingTopics().contains(topic)) {
      throw HttpProblem.badRequest(
          "topic", "topic must be one of " + String.join(", ", settings.marketingTopics()));
    }
    JsonNode source = body.get("source");
    if (source == null
        || !source.isTextual()
        || source.asText().isBlank()
        || source.asText().length() > ConsentChange.MAX_SOURCE_LENGTH) {
      throw HttpProblem.badRequest(
          "source", "source is required (at most 500 characters): where the person signed up");
    }
    ReachableAddresses.Addresses person =
        addresses.of(id).orElseThrow(() -> HttpProblem.notFound("no profile " + id));
    if (person.email() == null) {
      throw HttpProblem.badRequest("id", "profile " + id + " has no email address to confirm");
    }
    templates.create(template());
    Instant now = clock.instant();
    ObjectNode event = Json.MAPPER.createObjectNode();
    event.put("topic", topic);
    event.put("topic_name", PublicPage.topicName(topic));
    event.put("source", source.asText().strip());
    event.put(
        "confirm_url",
        links.publicUrl() + "/confirm/" + signer.sign(PURPOSE, person.profileId() + " " + topic));
    ObjectNode variables = Json.MAPPER.createObjectNode();
    variables.set("event", event);
    String key = "double-opt-in:" + person.profileId() + ":" + topic + ":" + now.toEpochMilli();
    long messageId =
        database.inTransaction(
            c -> {
              outbox.queue(
                  c,
                  new SendRequest(
                      key,
                      null,
                      null,
                      null,
                      person.profileId(),
                      "email",
                      List.of(),
                      TEMPLATE,
                      ConsentSettings.TRANSACTIONAL,
                      JourneyDefinition.Priority.TRANSACTIONAL,
                      variables,
                      now));
              return Sql.list(
                      c,
                      "select id from messages where idempotency_key = ?",
                      rs -> rs.getLong(1),
                      key)
                  .get(0);
            });
    ctx.status(202).json(new Pending(person.profileId(), "email", topic, "pending", messageId));
  }

  private void page(Context ctx) {
    noStore(ctx);
    Optional<Confirmation> confirmation = confirmation(ctx);
    if (confirmation.isEmpty()) {
      unknown(ctx);
      return;
    }
    ctx.html(
        PublicPage.of(
            "Confirm your subscription",
            "<p>Receive "
                + PublicPage.escape(PublicPage.topicName(confirmation.get().topic()))
                + " by email?</p><form method=\"post\" action=\"/confirm/"
                + PublicPage.escape(ctx.pathParam("token"))
                + "\"><button type=\"submit\">Confirm</button></form>"));
  }

  private void confirm(Context ctx) {
    noStore(ctx);
    Optional<Confirmation> confirmation = confirmation(ctx);
    if (confirmation.isEmpty()) {
      unknown(ctx);
      return;
    }
    Confirmation c = confirmation.get();
    Optional<ConsentStore.Current> now = consent.current(c.profileId());
    boolean granted =
        now.flatMap(
                current ->
                    dev.kairos.consent.MarketingConsent.answer(
                        current.consent(), "email", c.topic()))
            .orElse(false);
    if (now.isEmpty()) {
      unknown(ctx);
      return;
    }
    if (!granted) {
      consent.record(
          c.profileId(),
          List.of(
              new ConsentChange(
                  "email", c.topic(), true, ConsentChange.DEFAULT_LEGAL_BASIS, SOURCE)));
    }
    ctx.html(
        PublicPage.of(
            "Subscription confirmed",
            "<p>Thank you: you will receive "
                + PublicPage.escape(PublicPage.topicName(c.topic()))
                + " by email.</p><p><a href=\""
                + PublicPage.escape(links.preferencesUrl(now.get().profileId()))
                + "\">Choose what you receive</a></p>"));
  }

  private record Confirmation(UUID profileId, String topic) {}

  private Optional<Confirmation> confirmation(Context ctx) {
    return signer
        .verify(PURPOSE, ctx.pathParam("token"))
        .flatMap(
            payload -> {
              int space = payload.indexOf(' ');
              try {
                return space < 0
                    ? Optional.empty()
                    : Optional.of(
                        new Confirmation(
                            UUID.fromString(payload.substring(0, space)),
                            payload.substring(space + 1)));
              } catch (IllegalArgumentException e) {
                return Optional.empty();
              }
            });
  }

  /** The built-in confirmation email (an operator may replace it under the same key). */
  static Template template() {
    return new Template(
        TEMPLATE,
        "email",
        "Please confirm your subscription",
        "One click to confirm",
        "<p>Please confirm that you want to receive {{ event.topic_name }} from us.</p>"
            + "<p><a href=\"{{ event.confirm_url }}\">Yes, subscribe me</a></p>"
            + "<p>If you did not ask for this, ignore this message: nothing changes.</p>",
        "Please confirm that you want to receive {{ event.topic_name }} from us:\n"
            + "{{ event.confirm_url }}\n\nIf you did not ask for this, ignore this message.",
        null,
        Map.of(),
        false,
        false);
  }

  private static JsonNode body(String text) {
    try {
      JsonNode body = text.isBlank() ? null : Json.MAPPER.readTree(text);
      if (body != null && body.isObject()) {
        return body;
      }
    } catch (IOException e) {
      // answered below
    }
    throw HttpProblem.badRequest("body", "the body must be a JSON object");
  }

  private static UUID id(Context ctx) {
    try {
      return UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw HttpProblem.badRequest("id", "id must be a profile id (a UUID)");
    }
  }

  private static void unknown(Context ctx) {
    ctx.status(404)
        .html(PublicPage.of("Link not valid", "<p>This confirmation link is not valid.</p>"));
  }

  private static void noStore(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    ctx.header("Referrer-Policy", "no-referrer");
  }
}
