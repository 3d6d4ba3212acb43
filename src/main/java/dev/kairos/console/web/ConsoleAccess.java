package dev.kairos.console.web;

import dev.kairos.console.Accounts;
import dev.kairos.console.Role;
import dev.kairos.console.Secrets;
import dev.kairos.console.store.SessionStore;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Every console page and action goes through here: no session, no page (a redirect to sign in); a
 * role that may not, a 403; a state change without the session's CSRF token, a 403 that changes
 * nothing.
 */
public final class ConsoleAccess {
  static final String SESSION_COOKIE = "kairos_session";
  static final String CSRF_FIELD = "_csrf";
  static final String CSRF_HEADER = "X-CSRF-Token";

  private final Accounts accounts;
  private final Pages pages;
  private final CookieSecurity cookies;

  public ConsoleAccess(Accounts accounts, Pages pages, CookieSecurity cookies) {
    this.accounts = accounts;
    this.pages = pages;
    this.cookies = cookies;
  }

  /** A page (GET) any signed-in user may see. */
  Handler page(PageHandler handler) {
    return page(role -> true, handler);
  }

  /** A page (GET) for the roles {@code allowed} admits. */
  Handler page(Predicate<Role> allowed, PageHandler handler) {
    return ctx -> {
      Optional<Viewer> viewer = viewer(ctx);
      if (viewer.isEmpty()) {
        ctx.redirect(
            "/login?next=" + URLEncoder.encode(pathAndQuery(ctx), StandardCharsets.UTF_8),
            HttpStatus.SEE_OTHER);
        return;
      }
      if (!allowed.test(viewer.get().user().role())) {
        forbidden(ctx, viewer.get(), "Your role may not open this page.");
        return;
      }
      handler.handle(ctx, viewer.get());
    };
  }

  /** A state change (POST) for the roles {@code allowed} admits, with the session's CSRF token. */
  Handler action(Predicate<Role> allowed, PageHandler handler) {
    return ctx -> {
      Optional<Viewer> viewer = viewer(ctx);
      if (viewer.isEmpty()) {
        Pages.headers(ctx);
        if (ctx.header("HX-Request") != null) {
          ctx.status(401).contentType("text/plain; charset=utf-8").result("Sign in first.");
        } else {
          ctx.redirect("/login", HttpStatus.SEE_OTHER); // the session ended; nothing was changed
        }
        return;
      }
      String sent = ctx.header(CSRF_HEADER);
      if (sent == null) {
        sent = ctx.formParam(CSRF_FIELD);
      }
      if (!Secrets.same(sent, viewer.get().csrfToken())) {
        forbidden(
            ctx,
            viewer.get(),
            "This form did not carry the console's security token (CSRF). Nothing was changed;"
                + " reload the page and try again.");
        return;
      }
      if (!allowed.test(viewer.get().user().role())) {
        forbidden(ctx, viewer.get(), "Your role may not do this. Nothing was changed.");
        return;
      }
      handler.handle(ctx, viewer.get());
    };
  }

  Optional<Viewer> viewer(Context ctx) {
    return accounts
        .session(ctx.cookie(SESSION_COOKIE))
        .map((SessionStore.Session s) -> new Viewer(s.user(), s.csrfToken()));
  }

  void forbidden(Context ctx, Viewer viewer, String message) {
    pages.render(
        ctx, "forbidden.jte", "chrome", new Chrome("Not allowed", "", viewer), "message", message);
    ctx.status(403);
  }

  void startSession(Context ctx, String sessionId) {
    cookies.set(ctx, SESSION_COOKIE, sessionId, "/", Accounts.SESSION_LENGTH.toSeconds(), "Lax");
  }

  void endSession(Context ctx) {
    accounts.signOut(ctx.cookie(SESSION_COOKIE));
    cookies.set(ctx, SESSION_COOKIE, "", "/", 0, "Lax");
  }

  private static String pathAndQuery(Context ctx) {
    String query = ctx.queryString();
    return query == null ? ctx.path() : ctx.path() + "?" + query;
  }
}
