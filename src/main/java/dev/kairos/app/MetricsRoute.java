package dev.kairos.app;

import dev.kairos.platform.ConfigurationException;
import dev.kairos.platform.Credentials;
import dev.kairos.platform.http.HttpProblem;
import dev.kairos.platform.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /metrics} in Prometheus' text format, open to whom {@code KAIROS_METRICS_ACCESS} says:
 * {@code public} (the default: anyone who reaches the port), {@code admin} (the admin token as
 * {@code Authorization: Bearer}, which Prometheus sends with {@code authorization.credentials}), or
 * {@code local} (only connections from this machine's loopback address).
 */
final class MetricsRoute implements RouteGroup {
  enum Access {
    PUBLIC,
    ADMIN,
    LOCAL
  }

  private final PrometheusMeterRegistry metrics;
  private final Access access;
  private final String adminToken;

  MetricsRoute(PrometheusMeterRegistry metrics, Access access, String adminToken) {
    this.metrics = metrics;
    this.access = access;
    this.adminToken = adminToken;
  }

  static Access access(Map<String, String> environment) {
    String value = environment.get("KAIROS_METRICS_ACCESS");
    if (value == null || value.isBlank()) {
      return Access.PUBLIC;
    }
    try {
      return Access.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          "KAIROS_METRICS_ACCESS must be public, admin or local: " + value);
    }
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get(
        "/metrics",
        ctx -> {
          allow(ctx);
          ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape());
        });
  }

  private void allow(Context ctx) {
    if (access == Access.ADMIN) {
      String header = ctx.header("Authorization");
      boolean bearer = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
      if (!bearer || !Credentials.matches(header.substring(7).trim(), adminToken)) {
        throw HttpProblem.unauthorized(
            "metrics need the admin token as Authorization: Bearer <token>"
                + " (KAIROS_METRICS_ACCESS=admin)");
      }
    } else if (access == Access.LOCAL && !loopback(ctx.req().getRemoteAddr())) {
      throw new HttpProblem(
          403,
          "forbidden",
          "metrics are served to this machine only (KAIROS_METRICS_ACCESS=local)",
          null,
          null);
    }
  }

  private static boolean loopback(String address) {
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
