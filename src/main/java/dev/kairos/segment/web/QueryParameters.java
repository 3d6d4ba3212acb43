package dev.kairos.segment.web;

import dev.kairos.platform.http.HttpProblem;
import io.javalin.http.Context;
import java.util.Set;

/** The query parameters a route knows; any other answers 400 naming it. */
final class QueryParameters {
  private QueryParameters() {}

  static void only(Context ctx, Set<String> known) {
    for (String name : ctx.queryParamMap().keySet()) {
      if (!known.contains(name)) {
        throw HttpProblem.badRequest(
            name,
            "unknown query parameter "
                + name
                + (known.isEmpty() ? "; this route takes none" : "; known: " + known));
      }
    }
  }

  static int limit(Context ctx, int fallback, int max) {
    String value = ctx.queryParam("limit");
    if (value == null) {
      return fallback;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= max) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw HttpProblem.badRequest("limit", "limit must be a number from 1 to " + max);
  }
}
