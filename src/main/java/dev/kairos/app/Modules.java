package dev.kairos.app;

import dev.kairos.platform.Credentials;
import dev.kairos.platform.KairosConfig;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.http.RouteGroup;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;

/** The wiring of the contexts along the data flow. */
public final class Modules implements AutoCloseable {
  private final List<RouteGroup> routes;

  private Modules(List<RouteGroup> routes) {
    this.routes = routes;
  }

  static Modules create(
      KairosConfig config,
      Database database,
      Credentials credentials,
      MeterRegistry metrics,
      Clock clock) {
    return new Modules(List.of());
  }

  List<RouteGroup> routes() {
    return routes;
  }

  @Override
  public void close() {}
}
