package dev.kairos.profile.web;

import dev.kairos.platform.http.HttpProblem;
import io.javalin.http.Context;

/** Checks of query parameters shared by the profile routes. */
final class ApiParameters {
  private ApiParameters() {}

  /** A route that takes no query parameter answers 400 naming one it was sent. */
  static void noQueryParameters(Context ctx) {
    for (String name : ctx.queryParamMap().keySet()) {
      throw HttpProblem.badRequest(name, "unknown query parameter " + name);
    }
  }
}
