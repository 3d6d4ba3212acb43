package dev.kairos.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The query parameters each route takes, as the OpenAPI document describes them. A request with
 * another one is refused with a 400 naming it: a misspelt filter ({@code ?lifecycle_stage=lapsed})
 * would otherwise return an unfiltered answer that looks filtered. Routes the document does not
 * describe are left alone.
 */
public final class DocumentedQueryParameters {
  private final Map<String, Set<String>> byRoute = new HashMap<>();

  /** Parameters a route takes more than once (their schema is an array), by route. */
  private final Map<String, Set<String>> repeatable = new HashMap<>();

  public DocumentedQueryParameters(JsonNode openApi) {
    openApi
        .path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        operation -> {
                          if (!operation.getValue().isObject()) {
                            return;
                          }
                          Set<String> names = new LinkedHashSet<>();
                          Set<String> lists = new LinkedHashSet<>();
                          for (JsonNode parameter : operation.getValue().path("parameters")) {
                            if ("query".equals(parameter.path("in").asText())) {
                              names.add(parameter.path("name").asText());
                              if ("array".equals(parameter.path("schema").path("type").asText())) {
                                lists.add(parameter.path("name").asText());
                              }
                            }
                          }
                          byRoute.put(key(operation.getKey(), path.getKey()), names);
                          repeatable.put(key(operation.getKey(), path.getKey()), lists);
                        }));
  }

  /**
   * Refuses a request to a described route that carries a query parameter it does not take, or one
   * that is not a list more than once (which value would count is not for the server to guess).
   */
  public void check(Context ctx) {
    Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    if (endpoint == null) {
      return;
    }
    Set<String> allowed = byRoute.get(key(endpoint.method.name(), endpoint.path));
    if (allowed == null) {
      return;
    }
    for (String name : ctx.queryParamMap().keySet()) {
      if (!allowed.contains(name)) {
        throw HttpProblem.badRequest(
            name,
            "unknown query parameter '"
                + name
                + "'"
                + (allowed.isEmpty()
                    ? ": this route takes none"
                    : "; this route takes " + String.join(", ", allowed)));
      }
      if (ctx.queryParams(name).size() > 1
          && !repeatable.get(key(endpoint.method.name(), endpoint.path)).contains(name)) {
        throw HttpProblem.badRequest(
            name, "query parameter '" + name + "' is given more than once; give it once");
      }
    }
  }

  private static String key(String method, String path) {
    return method.toUpperCase(Locale.ROOT) + " " + path;
  }
}
