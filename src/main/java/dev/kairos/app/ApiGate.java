package dev.kairos.app;

import dev.kairos.ingest.web.ReadYourWrites;
import dev.kairos.platform.http.DocumentedQueryParameters;
import dev.kairos.platform.http.RouteGroup;
import dev.kairos.profile.web.AdminAuth;
import io.javalin.config.RoutesConfig;

/**
 * What every management API request passes before its handler, in this order: the admin token
 * (before anything that costs: an unauthenticated request never waits on the event processor nor
 * learns which routes exist), then the query parameters the route takes, then the wait until the
 * events this node acknowledged are applied ({@link ReadYourWrites}). The order is written here,
 * not left to the order in which the contexts register their routes.
 */
final class ApiGate implements RouteGroup {
  private final AdminAuth auth;
  private final DocumentedQueryParameters parameters;
  private final ReadYourWrites readYourWrites;

  ApiGate(AdminAuth auth, DocumentedQueryParameters parameters, ReadYourWrites readYourWrites) {
    this.auth = auth;
    this.parameters = parameters;
    this.readYourWrites = readYourWrites;
  }

  @Override
  public void register(RoutesConfig routes) {
    // "before" handlers run before "beforeMatched" ones, whatever their registration order
    routes.before("/api/*", auth::check);
    routes.beforeMatched(
        "/api/*",
        ctx -> {
          parameters.check(ctx);
          readYourWrites.await(ctx);
        });
  }
}
