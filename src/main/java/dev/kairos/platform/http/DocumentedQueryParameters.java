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
                          for (JsonNode parameter : operation.getValue().path("parameters")) {
                            if ("query".equals(parameter.path("in").asText())) {
                              names.add(parameter.path("name").asText());
                            }
                          }
                          byRoute.put(key(operation.getKey(), path.getKey()), names);
                        }));
  }

  /** Refuses a request to a described route that carries a query parameter it does not take. */
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
    }
  }

  private static String key(String method, String path) {
    return method.toUpperCase(Locale.ROOT) + " " + path;
  }
}
