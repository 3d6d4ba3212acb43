package dev.kairos.consent.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.consent.ConsentRecord;
import dev.kairos.consent.ConsentSettings;
import dev.kairos.consent.MarketingConsent;
import dev.kairos.consent.store.ConsentStore;
import dev.kairos.platform.http.HttpProblem;
import dev.kairos.platform.http.Json;
import dev.kairos.platform.http.RouteGroup;
import dev.kairos.profile.ConsentChange;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET /api/profiles/{id}/consent} (the current answer per channel and topic, and the full
 * history) and {@code PUT} (one decision: {@code {"channel", "topic", "status", "legal_basis",
 * "source"}}).
 */
public final class ConsentApi implements RouteGroup {
  private static final Set<String> FIELDS =
      Set.of("channel", "topic", "status", "legal_basis", "source");

  private final ConsentStore store;
  private final ConsentSettings settings;

  public ConsentApi(ConsentStore store, ConsentSettings settings) {
    this.store = store;
    this.settings = settings;
  }

  /** A person's consent. */
  public record ConsentResponse(
      @JsonProperty("profile_id") UUID profileId,
      ObjectNode consent,
      List<TopicAnswer> topics,
      List<HistoryEntry> history) {}

  /** The current answer for one channel and topic, with the decision that gave it. */
  public record TopicAnswer(
      String channel,
      String topic,
      String status,
      @JsonProperty("legal_basis") String legalBasis,
      String source,
      @JsonProperty("recorded_at") Instant recordedAt) {}

  /** One recorded decision ({@code profile_id}: the profile it was recorded on). */
  public record HistoryEntry(
      @JsonProperty("profile_id") UUID profileId,
      String channel,
      String topic,
      String status,
      @JsonProperty("legal_basis") String legalBasis,
      String source,
      @JsonProperty("recorded_at") Instant recordedAt) {
    static HistoryEntry of(ConsentRecord r) {
      return new HistoryEntry(
          r.profileId(),
          r.channel(),
          r.topic(),
          r.status(),
          r.legalBasis(),
          r.source(),
          r.recordedAt());
    }
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/profiles/{id}/consent", this::show);
    routes.put("/api/profiles/{id}/consent", this::update);
  }

  private void show(Context ctx) {
    UUID id = id(ctx);
    ConsentStore.Current current =
        store.current(id).orElseThrow(() -> HttpProblem.notFound("no profile " + id));
    ctx.json(response(current));
  }

  private void update(Context ctx) {
    UUID id = id(ctx);
    ConsentChange change = change(ctx.body());
    ConsentStore.Recorded recorded = store.record(id, List.of(change));
    if (recorded instanceof ConsentStore.Recorded.Done done) {
      ctx.json(response(done.current()));
    } else if (recorded instanceof ConsentStore.Recorded.NoHandle) {
      throw new HttpProblem(
          409,
          "no_identifier",
          "profile " + id + " has no userId, anonymousId, email or phone to record consent by",
          "id",
          null);
    } else {
      throw HttpProblem.notFound("no profile " + id);
    }
  }

  /** The response of a person: answers from the profile, each with the decision that gave it. */
  public ConsentResponse response(ConsentStore.Current current) {
    List<ConsentRecord> history = store.history(current.profileId());
    List<TopicAnswer> topics = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> channels = current.consent().fields();
    while (channels.hasNext()) {
      Map.Entry<String, JsonNode> channel = channels.next();
      Iterator<String> names = channel.getValue().fieldNames();
      while (names.hasNext()) {
        String topic = names.next();
        Optional<Boolean> answer =
            MarketingConsent.answer(current.consent(), channel.getKey(), topic);
        if (answer.isEmpty()) {
          continue;
        }
        String status = answer.get() ? "granted" : "denied";
        Optional<ConsentRecord> why =
            history.stream()
                .filter(r -> r.channel().equals(channel.getKey()) && r.status().equals(status))
                .filter(r -> r.topic().equals(topic) || r.topic().equals(ConsentChange.ALL_TOPICS))
                .findFirst();
        topics.add(
            new TopicAnswer(
                channel.getKey(),
                topic,
                status,
                why.map(ConsentRecord::legalBasis).orElse(null),
                why.map(ConsentRecord::source).orElse(null),
                why.map(ConsentRecord::recordedAt).orElse(null)));
      }
    }
    return new ConsentResponse(
        current.profileId(),
        current.consent(),
        topics,
        history.stream().map(HistoryEntry::of).toList());
  }

  private ConsentChange change(String body) {
    JsonNode json;
    try {
      json = body.isBlank() ? null : Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw HttpProblem.badRequest("body", "the body must be a JSON object");
    }
    if (json == null || !json.isObject()) {
      throw HttpProblem.badRequest("body", "the body must be a JSON object");
    }
    json.fieldNames()
        .forEachRemaining(
            name -> {
              if (!FIELDS.contains(name)) {
                throw HttpProblem.badRequest(
                    name,
                    "unknown field " + name + "; the fields are " + String.join(", ", FIELDS));
              }
            });
    String channel = text(json, "channel");
    if (!ConsentSettings.CHANNELS.contains(channel)) {
      throw HttpProblem.badRequest(
          "channel", "channel must be one of " + String.join(", ", ConsentSettings.CHANNELS));
    }
    String topic = text(json, "topic");
    if (!settings.knowsTopic(topic)) {
      throw HttpProblem.badRequest(
          "topic",
          "topic must be one of "
              + String.join(", ", settings.topics())
              + " or "
              + ConsentChange.ALL_TOPICS);
    }
    String status = text(json, "status");
    if (!status.equals("granted") && !status.equals("denied")) {
      throw HttpProblem.badRequest("status", "status must be granted or denied");
    }
    String basis =
        json.has("legal_basis") ? text(json, "legal_basis") : ConsentChange.DEFAULT_LEGAL_BASIS;
    if (!ConsentChange.LEGAL_BASES.contains(basis)) {
      throw HttpProblem.badRequest(
          "legal_basis", "legal_basis must be consent, legitimate_interest or contract");
    }
    String source = text(json, "source").strip();
    if (source.isEmpty() || source.length() > ConsentChange.MAX_SOURCE_LENGTH) {
      throw HttpProblem.badRequest(
          "source",
          "source is required (at most "
              + ConsentChange.MAX_SOURCE_LENGTH
              + " characters): where the decision was made");
    }
    return new ConsentChange(channel, topic, status.equals("granted"), basis, source);
  }

  private static String text(JsonNode json, String field) {
    JsonNode node = json.get(field);
    if (node == null || !node.isTextual()) {
      throw HttpProblem.badRequest(field, field + " is required (a string)");
    }
    return node.asText();
  }

  private static UUID id(Context ctx) {
    try {
      return UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw HttpProblem.badRequest("id", "id must be a profile id (a UUID)");
    }
  }
}
