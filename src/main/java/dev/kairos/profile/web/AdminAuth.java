package dev.kairos.profile.web;

import dev.kairos.platform.Credentials;
import dev.kairos.platform.http.HttpProblem;
import io.javalin.http.Context;
import java.util.function.Predicate;

/**
 * The management API under {@code /api/} answers only to {@code Authorization: Bearer <token>}: the
 * admin token, or another token {@code otherTokens} accepts (API tokens made in the console).
 */
public final class AdminAuth {
  private final String adminToken;
  private final String writeKey;
  private final Predicate<String> otherTokens;

  public AdminAuth(String adminToken) {
    this(adminToken, null, token -> false);
  }

  /**
   * @param writeKey the tracking API's key, named as such when it is sent here (null: not known)
   */
  public AdminAuth(String adminToken, String writeKey, Predicate<String> otherTokens) {
    this.adminToken = adminToken;
    this.writeKey = writeKey;
    this.otherTokens = otherTokens;
  }

  /** Refuses the request unless it carries an accepted token; the OpenAPI document is public. */
  public void check(Context ctx) {
    if (ctx.path().equals("/api/openapi.json")) {
      return;
    }
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw HttpProblem.unauthorized("send the admin token as Authorization: Bearer <token>");
    }
    String token = header.substring(7).trim();
    if (!Credentials.matches(token, adminToken) && !otherTokens.test(token)) {
      if (writeKey != null && Credentials.matches(token, writeKey)) {
        throw HttpProblem.unauthorized(
            "the token sent is the write key, which is for /v1: /api takes the admin token");
      }
      throw HttpProblem.unauthorized("invalid admin token");
    }
  }
}
