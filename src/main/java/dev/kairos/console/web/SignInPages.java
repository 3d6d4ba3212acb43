package dev.kairos.console.web;

import dev.kairos.console.Accounts;
import dev.kairos.console.Accounts.SignIn;
import dev.kairos.console.Secrets;
import dev.kairos.platform.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * Signing in and out. The sign-in form carries a token matching a cookie of its own (a CSRF check
 * before there is a session); failures are throttled per email and per client address.
 */
public final class SignInPages implements RouteGroup {
  private static final String LOGIN_COOKIE = "kairos_login";

  private final Accounts accounts;
  private final ConsoleAccess access;
  private final Pages pages;
  private final CookieSecurity cookies;

  public SignInPages(Accounts accounts, ConsoleAccess access, Pages pages, CookieSecurity cookies) {
    this.accounts = accounts;
    this.access = access;
    this.pages = pages;
    this.cookies = cookies;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/login", ctx -> form(ctx, null, 200));
    routes.post("/login", this::signIn);
    routes.post(
        "/logout",
        access.action(
            role -> true,
            (ctx, viewer) -> {
              access.endSession(ctx);
              ctx.redirect("/login", HttpStatus.SEE_OTHER);
            }));
  }

  private void form(Context ctx, String error, int status) {
    String token = Secrets.random();
    cookies.set(ctx, LOGIN_COOKIE, token, "/login", 3600, "Strict");
    pages.render(
        ctx,
        "login.jte",
        "chrome",
        Chrome.signedOut("Sign in"),
        "csrf",
        token,
        "next",
        safeNext(ctx.queryParam("next") != null ? ctx.queryParam("next") : ctx.formParam("next")),
        "error",
        error,
        "noUsers",
        !accounts.anyUser());
    ctx.status(status);
  }

  private void signIn(Context ctx) {
    String cookie = ctx.cookie(LOGIN_COOKIE);
    if (cookie == null || !Secrets.same(cookie, ctx.formParam(ConsoleAccess.CSRF_FIELD))) {
      form(ctx, "The sign-in form had expired. Please try again.", 403);
      return;
    }
    SignIn outcome = accounts.signIn(ctx.formParam("email"), ctx.formParam("password"), ctx.ip());
    if (outcome instanceof SignIn.SignedIn signedIn) {
      cookies.set(ctx, LOGIN_COOKIE, "", "/login", 0, "Strict");
      access.startSession(ctx, signedIn.sessionId());
      ctx.redirect(safeNext(ctx.formParam("next")), HttpStatus.SEE_OTHER);
    } else if (outcome instanceof SignIn.Throttled throttled) {
      ctx.header("Retry-After", Long.toString(Math.max(1, throttled.retryAfter().toSeconds())));
      form(
          ctx,
          "Too many failed sign-ins. Try again in "
              + Math.max(1, (throttled.retryAfter().toSeconds() + 59) / 60)
              + " minutes.",
          429);
    } else {
      form(ctx, "That email and password do not match a user.", 401);
    }
  }

  /** Where to go after signing in: a path of this console, never another site. */
  static String safeNext(String next) {
    if (next == null
        || !next.startsWith("/")
        || next.startsWith("//")
        || next.startsWith("/\\")
        || next.startsWith("/login")) {
      return "/";
    }
    for (char c : next.toCharArray()) {
      if (c < 0x20) {
        return "/";
      }
    }
    return next;
  }
}
