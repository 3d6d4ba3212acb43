package dev.kairos.platform.http;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.util.List;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Javalin server: JSON errors, trailing slashes ignored, routes from each context. */
public final class HttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

  private final Javalin javalin;

  private HttpServer(Javalin javalin) {
    this.javalin = javalin;
  }

  public static HttpServer start(String host, int port, List<RouteGroup> groups) {
    Javalin javalin =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.router.ignoreTrailingSlashes = true;
              config.router.treatMultipleSlashesAsSingleSlash = true;
              config.http.maxRequestSize = 4L * 1024 * 1024;
              config.http.prefer405over404 = true;
              config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
              config.jetty.modifyServer(
                  server -> {
                    // graceful stop: no new requests, in-flight ones finish (up to 30 s)
                    server.setStopTimeout(30_000);
                    server.setHandler(new GracefulHandler());
                  });
              config.routes.exception(
                  HttpProblem.class, (e, ctx) -> ctx.status(e.status()).json(e.body()));
              config.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
                    ctx.status(500)
                        .json(new ApiError("internal_error", "the server failed", null, null));
                  });
              config.routes.error(
                  404,
                  "*",
                  ctx -> {
                    String result = ctx.result();
                    // a route's own answer stays: JSON, or a page (the console's "Not found")
                    if (result == null
                        || !(result.startsWith("{") || result.startsWith("<!doctype html>"))) {
                      ctx.json(new ApiError("not_found", "no route " + ctx.path(), null, null));
                    }
                  });
              config.routes.error(
                  405,
                  "*",
                  ctx ->
                      ctx.json(
                          new ApiError(
                              "method_not_allowed",
                              ctx.method() + " is not allowed on " + ctx.path(),
                              null,
                              null)));
              config.routes.error(
                  413,
                  "*",
                  ctx -> {
                    String result = ctx.result();
                    if (result == null || !result.startsWith("{")) { // a route's own 413 stays
                      ctx.json(
                          new ApiError(
                              "too_large", "the request body is larger than 4 MB", null, null));
                    }
                  });
              for (RouteGroup group : groups) {
                group.register(config.routes);
              }
            });
    javalin.start(host, port);
    return new HttpServer(javalin);
  }

  /** Every HTTP route as {@code "METHOD path"} (for documentation checks). */
  public java.util.List<String> routes() {
    return javalin.unsafe.internalRouter.allHttpHandlers().stream()
        .map(e -> e.endpoint.method.name() + " " + e.endpoint.path)
        .toList();
  }

  public int port() {
    return javalin.port();
  }

  /** Stops taking requests and lets in-flight ones finish (Jetty's graceful stop). */
  @Override
  public void close() {
    javalin.stop();
  }
}
