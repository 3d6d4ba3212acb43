package dev.kairos.app;

import dev.kairos.platform.Credentials;
import dev.kairos.platform.KairosConfig;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.EmbeddedDatabase;
import dev.kairos.platform.http.HttpServer;
import dev.kairos.platform.http.RouteGroup;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kairos node: the database (embedded unless {@code KAIROS_DATABASE_URL} is set), the pipeline
 * and the HTTP server. Closing it stops taking requests, finishes in-flight batches and stops the
 * database.
 */
public final class KairosServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KairosServer.class);

  private final Optional<EmbeddedDatabase> embedded;
  private final Database database;
  private final Modules modules;
  private final HttpServer http;
  private final Credentials credentials;

  private KairosServer(
      Optional<EmbeddedDatabase> embedded,
      Database database,
      Modules modules,
      HttpServer http,
      Credentials credentials) {
    this.embedded = embedded;
    this.database = database;
    this.modules = modules;
    this.http = http;
    this.credentials = credentials;
  }

  public static KairosServer start(KairosConfig config, Clock clock) {
    Optional<EmbeddedDatabase> embedded = Optional.empty();
    Database database;
    if (config.databaseUrl().isPresent()) {
      database =
          Database.connect(
              config.databaseUrl().get(),
              config.databaseUser().orElse(null),
              config.databasePassword().orElse(null),
              16);
    } else {
      EmbeddedDatabase db = EmbeddedDatabase.start(config.home().resolve("postgres"));
      embedded = Optional.of(db);
      database = Database.connect(db.jdbcUrl("postgres"), "postgres", db.password(), 16);
    }
    try {
      database.migrate();
      Credentials credentials = Credentials.load(config);
      if (credentials.generated()) {
        printGeneratedCredentials(credentials);
      }
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      new JvmMemoryMetrics().bindTo(metrics);
      new JvmGcMetrics().bindTo(metrics);
      new JvmThreadMetrics().bindTo(metrics);
      new ProcessorMetrics().bindTo(metrics);
      new UptimeMetrics().bindTo(metrics);
      Modules modules = Modules.create(config, database, credentials, metrics, clock);
      List<RouteGroup> routes = new ArrayList<>(modules.routes());
      routes.add(
          r -> {
            r.get("/health", ctx -> ctx.json(java.util.Map.of("status", "ok")));
            r.get(
                "/metrics",
                ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
          });
      HttpServer http = HttpServer.start(config.httpHost(), config.httpPort(), routes);
      LOG.info(
          "Kairos is listening on http://localhost:{} (bound to {})",
          http.port(),
          config.httpHost());
      return new KairosServer(embedded, database, modules, http, credentials);
    } catch (RuntimeException e) {
      database.close();
      embedded.ifPresent(EmbeddedDatabase::close);
      throw e;
    }
  }

  private static void printGeneratedCredentials(Credentials credentials) {
    System.out.println("Generated bootstrap credentials (stored in KAIROS_HOME, shown only once):");
    System.out.println("  write key:   " + credentials.writeKey());
    System.out.println("  admin token: " + credentials.adminToken());
  }

  public int port() {
    return http.port();
  }

  public java.util.List<String> routes() {
    return http.routes();
  }

  public Database database() {
    return database;
  }

  public Credentials credentials() {
    return credentials;
  }

  public Modules modules() {
    return modules;
  }

  @Override
  public void close() {
    http.close();
    modules.close();
    database.close();
    embedded.ifPresent(EmbeddedDatabase::close);
  }
}
