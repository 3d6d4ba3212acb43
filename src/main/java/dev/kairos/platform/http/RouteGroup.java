package dev.kairos.platform.http;

import io.javalin.config.RoutesConfig;

/** A context's HTTP routes, registered when the server is built. */
@FunctionalInterface
public interface RouteGroup {
  void register(RoutesConfig routes);
}
