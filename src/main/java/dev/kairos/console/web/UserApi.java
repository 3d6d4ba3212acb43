package dev.kairos.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.console.Accounts;
import dev.kairos.console.ConsoleUser;
import dev.kairos.platform.http.HttpProblem;
import dev.kairos.platform.http.Json;
import dev.kairos.platform.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;

/**
 * Console users through the management API (behind its bearer token like all of {@code /api/}): how
 * the first admin is made on a server without a terminal.
 */
public final class UserApi implements RouteGroup {
  private static final Set<String> FIELDS = Set.of("email", "role", "password");

  private final Accounts accounts;

  public UserApi(Accounts accounts) {
    this.accounts = accounts;
  }

  /** A console user as the API shows it (never its password hash). */
  public record UserResponse(
      String id, String email, String role, String created_at, boolean disabled) {
    static UserResponse of(ConsoleUser user) {
      return new UserResponse(
          user.id().toString(),
          user.email(),
          user.role().key(),
          user.createdAt().toString(),
          user.disabled());
    }
  }

  public record UserList(List<UserResponse> users) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.post("/api/users", this::create);
    routes.get(
        "/api/users",
        ctx -> {
          unknownParameters(ctx);
          ctx.json(new UserList(accounts.users().stream().map(UserResponse::of).toList()));
        });
  }

  private void create(Context ctx) {
    unknownParameters(ctx);
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(ctx.body());
    } catch (Exception e) {
      throw HttpProblem.badRequest("body", "the body must be a JSON object");
    }
    if (body == null || !body.isObject()) {
      throw HttpProblem.badRequest("body", "the body must be a JSON object");
    }
    body.fieldNames()
        .forEachRemaining(
            name -> {
              if (!FIELDS.contains(name)) {
                throw HttpProblem.badRequest(name, "unknown field " + name);
              }
            });
    Accounts.Creation outcome =
        accounts.create(text(body, "email"), text(body, "role"), text(body, "password"));
    if (outcome instanceof Accounts.Creation.Rejected rejected) {
      throw HttpProblem.badRequest(rejected.field(), rejected.message());
    }
    if (outcome instanceof Accounts.Creation.Taken taken) {
      throw new HttpProblem(
          409, "conflict", "a user with email " + taken.email() + " exists", "email", null);
    }
    ctx.status(201).json(UserResponse.of(((Accounts.Creation.Created) outcome).user()));
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    return value == null || !value.isTextual() ? null : value.asText();
  }

  private static void unknownParameters(Context ctx) {
    for (String name : ctx.queryParamMap().keySet()) {
      throw HttpProblem.badRequest(name, "unknown query parameter " + name);
    }
  }
}
