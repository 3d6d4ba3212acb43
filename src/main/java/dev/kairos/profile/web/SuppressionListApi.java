package dev.kairos.profile.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.identity.Identifier;
import dev.kairos.platform.http.HttpProblem;
import dev.kairos.platform.http.Json;
import dev.kairos.profile.AddressSuppression;
import dev.kairos.profile.store.AddressSuppressionStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The suppression list of addresses: {@code GET /api/suppressions} (paged, by reason or kind),
 * {@code POST} (an operator's entry), {@code DELETE} (lift, with the source). Registered by {@link
 * SuppressionApi}, which also answers one identifier at {@code /api/suppressions/{kind}:{value}}.
 */
final class SuppressionListApi {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  private static final Set<String> ADDRESS_KINDS = Set.of(Identifier.EMAIL, Identifier.PHONE);
  private static final Set<String> POST_FIELDS = Set.of("identifier", "reason", "detail", "source");

  private final AddressSuppressionStore addresses;
  private final IdentifierParameter identifiers;
  private final Lifting lifting;

  SuppressionListApi(
      AddressSuppressionStore addresses, IdentifierParameter identifiers, Lifting lifting) {
    this.addresses = addresses;
    this.identifiers = identifiers;
    this.lifting = lifting;
  }

  /** One suppressed address ({@code identifier} null once its person was deleted). */
  public record SuppressionEntry(
      long id,
      String identifier,
      String kind,
      String reason,
      String detail,
      String source,
      @JsonProperty("suppressed_at") Instant suppressedAt) {
    static SuppressionEntry of(AddressSuppression s) {
      return new SuppressionEntry(
          s.id(),
          s.value() == null ? null : s.kind() + ":" + s.value(),
          s.kind(),
          s.reason(),
          s.detail(),
          s.source(),
          s.suppressedAt());
    }
  }

  /** A page of the list; {@code next} is the {@code after} of the next page, null at the end. */
  public record SuppressionList(List<SuppressionEntry> suppressions, String next) {}

  void register(RoutesConfig routes) {
    routes.get("/api/suppressions", this::list);
    routes.post("/api/suppressions", this::add);
    routes.delete("/api/suppressions", this::lift);
  }

  private void list(Context ctx) {
    String reason = ctx.queryParam("reason");
    if (reason != null && !AddressSuppression.REASONS.contains(reason)) {
      throw HttpProblem.badRequest(
          "reason", "reason must be one of " + String.join(", ", AddressSuppression.REASONS));
    }
    String kind = ctx.queryParam("kind");
    if (kind != null && !ADDRESS_KINDS.contains(kind)) {
      throw HttpProblem.badRequest("kind", "kind must be email or phone");
    }
    long after = number(ctx, "after", 0);
    long limit = number(ctx, "limit", DEFAULT_LIMIT);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw HttpProblem.badRequest("limit", "limit must be between 1 and " + MAX_LIMIT);
    }
    AddressSuppressionStore.Page page = addresses.list(reason, kind, after, (int) limit);
    ctx.json(
        new SuppressionList(
            page.suppressions().stream().map(SuppressionEntry::of).toList(),
            page.next().map(String::valueOf).orElse(null)));
  }

  private void add(Context ctx) {
    JsonNode body = object(ctx.body());
    body.fieldNames()
        .forEachRemaining(
            name -> {
              if (!POST_FIELDS.contains(name)) {
                throw HttpProblem.badRequest(name, "unknown field " + name);
              }
            });
    Identifier address = address(body);
    String reason = optionalText(body, "reason", AddressSuppression.MANUAL);
    if (!AddressSuppression.REASONS.contains(reason)
        || reason.equals(AddressSuppression.DELETION_REQUEST)) {
      throw HttpProblem.badRequest(
          "reason",
          "reason must be one of "
              + String.join(", ", AddressSuppression.REASONS)
              + " (deletion_request comes with DELETE /api/profiles/{id})");
    }
    String source = optionalText(body, "source", "api");
    String detail = optionalText(body, "detail", null);
    if (source.length() > SuppressionApi.MAX_SOURCE_LENGTH
        || (detail != null && detail.length() > SuppressionApi.MAX_SOURCE_LENGTH)) {
      throw HttpProblem.badRequest(
          "source",
          "source and detail are at most " + SuppressionApi.MAX_SOURCE_LENGTH + " characters");
    }
    AddressSuppressionStore.Added added = addresses.add(address, reason, detail, source);
    ctx.status(added.isNew() ? 201 : 200).json(SuppressionEntry.of(added.suppression()));
  }

  private void lift(Context ctx) {
    JsonNode body = object(ctx.body());
    Identifier address = address(body);
    String source = SuppressionApi.source(ctx.body());
    ctx.json(lifting.lift(address, source));
  }

  /** How {@link SuppressionApi} lifts an identifier (a deleted person's first, else an address). */
  interface Lifting {
    SuppressionApi.LiftResponse lift(Identifier identifier, String source);
  }

  private Identifier address(JsonNode body) {
    JsonNode identifier = body.get("identifier");
    if (identifier == null || !identifier.isTextual()) {
      throw HttpProblem.badRequest(
          "identifier", "identifier is required: email:ann@example.com or phone:+44…");
    }
    Identifier address = identifiers.read("identifier", identifier.asText());
    if (!ADDRESS_KINDS.contains(address.kind())) {
      throw HttpProblem.badRequest("identifier", "only email and phone addresses are suppressed");
    }
    return address;
  }

  private static JsonNode object(String text) {
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

  private static String optionalText(JsonNode body, String field, String fallback) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      throw HttpProblem.badRequest(field, field + " must be a non-empty string");
    }
    return node.asText().strip();
  }

  private static long number(Context ctx, String name, long fallback) {
    String text = ctx.queryParam(name);
    if (text == null) {
      return fallback;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw HttpProblem.badRequest(name, name + " must be a whole number");
    }
  }
}
