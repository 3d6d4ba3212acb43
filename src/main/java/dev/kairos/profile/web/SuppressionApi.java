package dev.kairos.profile.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.identity.Identifier;
import dev.kairos.identity.IdentifierNormaliser;
import dev.kairos.platform.http.HttpProblem;
import dev.kairos.platform.http.Json;
import dev.kairos.platform.http.RouteGroup;
import dev.kairos.profile.AddressSuppression;
import dev.kairos.profile.Suppression;
import dev.kairos.profile.store.AddressSuppressionStore;
import dev.kairos.profile.store.SuppressionStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * Suppressed identifiers: {@code GET /api/suppressions/{kind}:{value}} says whether one may be
 * messaged; {@code DELETE} with {@code {"source": ...}} lifts a deleted person's suppression on an
 * explicit new opt-in.
 */
public final class SuppressionApi implements RouteGroup {
  static final int MAX_SOURCE_LENGTH = 500;

  private final SuppressionStore suppressions;
  private final AddressSuppressionStore addresses;
  private final IdentifierParameter identifiers;

  /**
   * @param kinds the identifier kinds Kairos knows (built-in and configured)
   */
  public SuppressionApi(
      SuppressionStore suppressions,
      AddressSuppressionStore addresses,
      IdentifierNormaliser normaliser,
      java.util.Set<String> kinds) {
    this.suppressions = suppressions;
    this.addresses = addresses;
    this.identifiers = new IdentifierParameter(normaliser, kinds);
  }

  /**
   * One identifier's suppression. {@code status}: {@code active}, {@code lifted} or {@code none}.
   */
  public record SuppressionResponse(
      String identifier,
      boolean suppressed,
      String status,
      String reason,
      @JsonProperty("suppressed_at") Instant suppressedAt,
      @JsonProperty("lift_source") String liftSource,
      @JsonProperty("lifted_at") Instant liftedAt) {

    static SuppressionResponse of(Identifier identifier, Suppression suppression) {
      String id = identifier.toString();
      if (suppression instanceof Suppression.Active active) {
        return new SuppressionResponse(
            id, true, "active", active.reason(), active.since(), null, null);
      }
      if (suppression instanceof Suppression.Lifted lifted) {
        return new SuppressionResponse(
            id, false, "lifted", null, lifted.suppressedAt(), lifted.source(), lifted.liftedAt());
      }
      return new SuppressionResponse(id, false, "none", null, null, null, null);
    }
  }

  /** A lifted suppression. */
  public record LiftResponse(
      String identifier,
      String source,
      @JsonProperty("lifted_at") Instant liftedAt,
      @JsonProperty("suppressed_at") Instant suppressedAt) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/suppressions/{identifier}", this::show);
    routes.delete("/api/suppressions/{identifier}", this::lift);
    new SuppressionListApi(
            addresses,
            identifiers,
            (identifier, source) -> lift(suppressions, addresses, identifier, source))
        .register(routes);
  }

  private void show(Context ctx) {
    ApiParameters.noQueryParameters(ctx);
    Identifier identifier = identifier(ctx);
    Suppression deleted = suppressions.of(identifier);
    Optional<AddressSuppression> address =
        deleted.suppressed() ? Optional.empty() : addresses.active(identifier);
    ctx.json(
        address
            .map(
                a ->
                    SuppressionResponse.of(
                        identifier, new Suppression.Active(a.reason(), a.suppressedAt())))
            .orElseGet(() -> SuppressionResponse.of(identifier, deleted)));
  }

  private void lift(Context ctx) {
    ApiParameters.noQueryParameters(ctx);
    Identifier identifier = identifier(ctx);
    String source = source(ctx.body());
    ctx.json(lift(suppressions, addresses, identifier, source));
  }

  /** Lifts a deleted person's suppression of the identifier, or else its address suppression. */
  static LiftResponse lift(
      SuppressionStore suppressions,
      AddressSuppressionStore addresses,
      Identifier identifier,
      String source) {
    SuppressionStore.LiftOutcome outcome = suppressions.lift(identifier, source);
    if (outcome instanceof SuppressionStore.LiftOutcome.Lifted lifted) {
      return new LiftResponse(
          identifier.toString(), lifted.source(), lifted.liftedAt(), lifted.suppressedAt());
    }
    Optional<AddressSuppressionStore.Lifted> address = addresses.lift(identifier, source);
    if (address.isPresent()) {
      return new LiftResponse(
          identifier.toString(),
          source,
          address.get().liftedAt(),
          address.get().suppression().suppressedAt());
    }
    throw HttpProblem.notFound(identifier + " is not suppressed");
  }

  /** The opt-in's source, required: who or what the person opted in through. */
  static String source(String text) {
    JsonNode body;
    try {
      body = text.isBlank() ? null : Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw HttpProblem.badRequest("source", "the body must be JSON: {\"source\": \"...\"}");
    }
    JsonNode source = body == null ? null : body.get("source");
    if (source == null || !source.isTextual() || source.asText().isBlank()) {
      throw HttpProblem.badRequest(
          "source", "source is required: where the person opted in again (e.g. \"signup form\")");
    }
    if (source.asText().length() > MAX_SOURCE_LENGTH) {
      throw HttpProblem.badRequest(
          "source", "source must be at most " + MAX_SOURCE_LENGTH + " characters");
    }
    return source.asText().strip();
  }

  private Identifier identifier(Context ctx) {
    return identifiers.read("identifier", ctx.pathParam("identifier"));
  }
}
