package dev.kairos.profile.web;

import dev.kairos.platform.Credentials;
import dev.kairos.platform.http.HttpProblem;
import io.javalin.http.Context;

/** The management API under {@code /api/} answers only to {@code Authorization: Bearer <token>}. */
public final class AdminAuth {
  private final String adminToken;

  public AdminAuth(String adminToken) {
    this.adminToken = adminToken;
  }

  /** Refuses the request unless it carries the admin token; the OpenAPI document is public. */
  public void check(Context ctx) {
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
  }
}
