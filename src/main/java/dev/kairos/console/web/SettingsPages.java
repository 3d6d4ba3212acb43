package dev.kairos.console.web;

import dev.kairos.console.Accounts;
import dev.kairos.console.Role;
import dev.kairos.console.store.ApiTokenStore;
import dev.kairos.platform.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/** Settings (admins only): console users and management API tokens. */
public final class SettingsPages implements RouteGroup {
  private final ConsoleAccess access;
  private final Pages pages;
  private final Accounts accounts;
  private final ApiTokenStore tokens;
  private final Clock clock;

  public SettingsPages(
      ConsoleAccess access, Pages pages, Accounts accounts, ApiTokenStore tokens, Clock clock) {
    this.access = access;
    this.pages = pages;
    this.accounts = accounts;
    this.tokens = tokens;
    this.clock = clock;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get(
        "/settings",
        access.page(
            Role::managesAccess,
            (ctx, v) -> ctx.redirect("/settings/users", HttpStatus.SEE_OTHER)));
    routes.get(
        "/settings/users",
        access.page(Role::managesAccess, (ctx, v) -> users(ctx, v, null, null, 200)));
    routes.post("/settings/users", access.action(Role::managesAccess, this::createUser));
    routes.post(
        "/settings/users/{id}/disable",
        access.action(
            Role::managesAccess,
            (ctx, v) -> {
              boolean done = id(ctx).map(id -> accounts.disable(id, v.user())).orElse(false);
              users(
                  ctx,
                  v,
                  done ? "The user was disabled and signed out." : null,
                  done ? null : "You cannot disable yourself.",
                  done ? 200 : 400);
            }));
    routes.post(
        "/settings/users/{id}/enable",
        access.action(
            Role::managesAccess,
            (ctx, v) -> {
              id(ctx).ifPresent(accounts::enable);
              users(ctx, v, "The user may sign in again.", null, 200);
            }));
    routes.get(
        "/settings/tokens",
        access.page(Role::managesAccess, (ctx, v) -> tokens(ctx, v, null, null)));
    routes.post("/settings/tokens", access.action(Role::managesAccess, this::createToken));
    routes.post(
        "/settings/tokens/{id}/revoke",
        access.action(
            Role::managesAccess,
            (ctx, v) -> {
              boolean revoked = id(ctx).map(id -> tokens.revoke(id, clock.instant())).orElse(false);
              tokens(
                  ctx, v, null, revoked ? "The token was revoked." : "No live token with that id.");
            }));
  }

  private void createUser(Context ctx, Viewer viewer) {
    Accounts.Creation outcome =
        accounts.create(ctx.formParam("email"), ctx.formParam("role"), ctx.formParam("password"));
    if (outcome instanceof Accounts.Creation.Created created) {
      users(ctx, viewer, "Created " + created.user().email() + ".", null, 200);
    } else if (outcome instanceof Accounts.Creation.Rejected rejected) {
      users(ctx, viewer, null, rejected.message(), 400);
    } else if (outcome instanceof Accounts.Creation.Taken taken) {
      users(ctx, viewer, null, "A user with email " + taken.email() + " exists.", 409);
    }
  }

  private void users(Context ctx, Viewer viewer, String notice, String error, int status) {
    pages.render(
        ctx,
        "users.jte",
        "chrome",
        new Chrome("Users", "settings", viewer),
        "users",
        accounts.users(),
        "notice",
        notice,
        "error",
        error,
        "minLength",
        Accounts.MIN_PASSWORD_LENGTH);
    ctx.status(status);
  }

  private void createToken(Context ctx, Viewer viewer) {
    String name = Optional.ofNullable(ctx.formParam("name")).orElse("").strip();
    if (name.isEmpty() || name.length() > 200) {
      tokens(ctx, viewer, null, "Give the token a name of 1 to 200 characters.");
      ctx.status(400);
      return;
    }
    ApiTokenStore.Created created = tokens.create(name, viewer.user().id(), clock.instant());
    tokens(ctx, viewer, created.secret(), "Created token " + name + ".");
  }

  private void tokens(Context ctx, Viewer viewer, String secret, String notice) {
    pages.render(
        ctx,
        "tokens.jte",
        "chrome",
        new Chrome("API tokens", "settings", viewer),
        "tokens",
        tokens.all(),
        "secret",
        secret,
        "notice",
        notice);
  }

  private static Optional<UUID> id(Context ctx) {
    try {
      return Optional.of(UUID.fromString(ctx.pathParam("id")));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
