package dev.kairos.profile.web;

import dev.kairos.platform.Credentials;
import dev.kairos.platform.http.HttpProblem;
import dev.kairos.platform.http.RouteGroup;
import io.javalin.config.RoutesConfig;

/** The management API under {@code /api/} answers only to {@code Authorization: Bearer <token>}. */
public final class AdminAuth implements RouteGroup {
  private final String adminToken;

  public AdminAuth(String adminToken) {
    this.adminToken = adminToken;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.before(
        "/api/*",
        ctx -> {
          if (ctx.path().equals("/api/openapi.json")) {
            return;
          }
          String header = ctx.header("Authorization");
          if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw HttpProblem.unauthorized("send the admin token as Authorization: Bearer <token>");
          }
          if (!Credentials.matches(header.substring(7).trim(), adminToken)) {
            throw HttpProblem.unauthorized("invalid admin token");
          }
        });
  }
}
