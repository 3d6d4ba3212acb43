package dev.kairos.delivery.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.delivery.store.OutboxStore;
import dev.kairos.identity.Identifier;
import dev.kairos.identity.IdentifierNormaliser;
import dev.kairos.journey.JourneyDefinition;
import dev.kairos.journey.SendRequest;
import dev.kairos.platform.http.HttpProblem;
import dev.kairos.platform.http.RouteGroup;
import dev.kairos.profile.store.ProfileQueries;
import dev.kairos.template.Template;
import dev.kairos.template.store.TemplateStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * {@code POST /api/messages/send}: a transactional message (order confirmation, password reset)
 * through the same outbox, policy and channels as a journey's. Its topic is {@code transactional}:
 * exempt from marketing consent, quiet hours and frequency caps, never from suppression. The {@code
 * idempotency_key} makes a repeated call the same message (answered 200 instead of 202). The {@code
 * variables} are the template's {@code event}, as a triggering event's properties are.
 */
public final class TransactionalSendApi implements RouteGroup {
  static final Set<String> FIELDS =
      Set.of("template", "profile_id", "identifier", "channel", "variables", "idempotency_key");
  static final Set<String> CHANNELS = Set.of("email", "sms", "push", "wechat", "whatsapp");

  private final OutboxStore outbox;
  private final TemplateStore templates;
  private final ProfileQueries profiles;
  private final IdentifierNormaliser normaliser;
  private final ObjectMapper json;
  private final Clock clock;

  public TransactionalSendApi(
      OutboxStore outbox,
      TemplateStore templates,
      ProfileQueries profiles,
      IdentifierNormaliser normaliser,
      ObjectMapper json,
      Clock clock) {
    this.outbox = outbox;
    this.templates = templates;
    this.profiles = profiles;
    this.normaliser = normaliser;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post("/api/messages/send", this::send);
  }

  private void send(Context ctx) {
    if (!ctx.queryParamMap().isEmpty()) {
      String name = ctx.queryParamMap().keySet().iterator().next();
      throw HttpProblem.badRequest(name, "unknown query parameter " + name);
    }
    JsonNode body = body(ctx);
    String key = text(body, "idempotency_key", true);
    if (key.length() > 200) {
      throw HttpProblem.badRequest(
          "idempotency_key", "idempotency_key must be 1 to 200 characters");
    }
    String outboxKey = "api:" + key;
    Optional<OutboxStore.Message> earlier = outbox.byKey(outboxKey);
    if (earlier.isPresent()) {
      ctx.status(200).json(earlier.get());
      return;
    }
    Template template =
        templates
            .find(text(body, "template", true))
            .orElseThrow(
                () ->
                    HttpProblem.badRequest(
                        "template", "no template " + body.get("template").asText()));
    String channel = Optional.ofNullable(text(body, "channel", false)).orElse(template.channel());
    if (!CHANNELS.contains(channel)) {
      throw HttpProblem.badRequest("channel", "channel must be one of " + new TreeSet<>(CHANNELS));
    }
    UUID profile = profile(body);
    JsonNode variables = body.path("variables");
    if (!variables.isMissingNode() && !variables.isObject()) {
      throw HttpProblem.badRequest("variables", "variables must be a JSON object");
    }
    ObjectNode run = json.createObjectNode();
    run.set("event", variables.isObject() ? variables : json.createObjectNode());
    boolean queued =
        outbox.queueOnce(
            new SendRequest(
                outboxKey,
                null,
                null,
                null,
                profile,
                channel,
                List.of(),
                template.key(),
                "transactional",
                JourneyDefinition.Priority.TRANSACTIONAL,
                run,
                clock.instant()));
    ctx.status(queued ? 202 : 200).json(outbox.byKey(outboxKey).orElseThrow());
  }

  private JsonNode body(Context ctx) {
    JsonNode body;
    try {
      body = json.readTree(ctx.body());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw HttpProblem.badRequest("body", "the body is not JSON: " + e.getOriginalMessage());
    }
    if (body == null || !body.isObject()) {
      throw HttpProblem.badRequest("body", "the body must be a JSON object");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw HttpProblem.badRequest(
            name, "unknown field " + name + "; known: " + new TreeSet<>(FIELDS));
      }
    }
    return body;
  }

  private UUID profile(JsonNode body) {
    String id = text(body, "profile_id", false);
    String identifier = text(body, "identifier", false);
    if ((id == null) == (identifier == null)) {
      throw HttpProblem.badRequest(
          "profile_id", "exactly one of profile_id and identifier (kind:value) is required");
    }
    if (id != null) {
      UUID uuid;
      try {
        uuid = UUID.fromString(id);
      } catch (IllegalArgumentException e) {
        throw HttpProblem.badRequest("profile_id", "profile_id must be a profile id (a UUID)");
      }
      return profiles
          .profile(uuid)
          .map(p -> UUID.fromString(p.get("id").asText()))
          .orElseThrow(() -> HttpProblem.badRequest("profile_id", "no profile " + id));
    }
    Identifier parsed =
        Identifier.parse(identifier)
            .flatMap(i -> normaliser.normalise(i.kind(), i.value()))
            .orElseThrow(
                () ->
                    HttpProblem.badRequest(
                        "identifier", "identifier must be kind:value, e.g. email:ann@example.com"));
    return profiles
        .byIdentifier(parsed)
        .orElseThrow(
            () -> HttpProblem.badRequest("identifier", "no profile has identifier " + parsed));
  }

  private static String text(JsonNode body, String field, boolean required) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw HttpProblem.badRequest(field, field + " is required");
      }
      return null;
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw HttpProblem.badRequest(field, field + " must be a non-empty string");
    }
    return value.asText();
  }
}
