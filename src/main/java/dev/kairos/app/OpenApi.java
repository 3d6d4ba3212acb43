package dev.kairos.app;

import dev.kairos.platform.http.DocumentedQueryParameters;
import dev.kairos.platform.http.Json;
import dev.kairos.platform.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the OpenAPI description of the management API at {@code /api/openapi.json}. */
final class OpenApi implements RouteGroup {
  private final byte[] document;

  OpenApi() {
    try (InputStream in = OpenApi.class.getResourceAsStream("/openapi.json")) {
      document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The query parameters of each route, from the same document. */
  static DocumentedQueryParameters queryParameters() {
    try (InputStream in = OpenApi.class.getResourceAsStream("/openapi.json")) {
      return new DocumentedQueryParameters(Json.MAPPER.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(document));
  }
}
