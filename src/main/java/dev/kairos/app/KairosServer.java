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
import java.util.concurrent.atomic.AtomicReference;
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

  /** The pool of work nobody waits on (applying the log), or {@link #database} itself. */
  private final Database background;

  private final Modules modules;
  private final HttpServer http;
  private final Credentials credentials;
  private final Thread stopHook;
  private boolean closed;

  private KairosServer(
      Optional<EmbeddedDatabase> embedded,
      Database database,
      Database background,
      Modules modules,
      HttpServer http,
      Credentials credentials,
      Thread stopHook) {
    this.stopHook = stopHook;
    this.embedded = embedded;
    this.database = database;
    this.background = background;
    this.modules = modules;
    this.http = http;
    this.credentials = credentials;
  }

  public static KairosServer start(KairosConfig config, Clock clock) {
    // a bad value stops the start before anything is started
    MetricsRoute.Access metricsAccess = MetricsRoute.access(config.environment());
    AtomicReference<Runnable> onStop = new AtomicReference<>(() -> {});
    Thread stopHook = stopHook(onStop);
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
      onStop.set(db::close); // a stop while starting still stops the database
      database = Database.connect(db.jdbcUrl("postgres"), "postgres", db.password(), 16);
    }
    Database background = database;
    try {
      database.migrate();
      if (embedded.isPresent()) {
        // its backends run as this user on this machine: their priority can be lowered
        background =
            Database.connectBackground(
                embedded.get().jdbcUrl("postgres"), "postgres", embedded.get().password(), 2);
      }
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
      Modules modules = Modules.create(config, database, background, credentials, metrics, clock);
      List<RouteGroup> routes = new ArrayList<>(modules.routes());
      routes.add(r -> r.get("/health", ctx -> ctx.json(java.util.Map.of("status", "ok"))));
      routes.add(new MetricsRoute(metrics, metricsAccess, credentials.adminToken()));
      HttpServer http = HttpServer.start(config.httpHost(), config.httpPort(), routes);
      modules.listeningOn(config, http.port());
      LOG.info(
          "Kairos is listening on http://localhost:{} (bound to {})",
          http.port(),
          config.httpHost());
      KairosServer server =
          new KairosServer(embedded, database, background, modules, http, credentials, stopHook);
      onStop.set(server::close);
      return server;
    } catch (RuntimeException e) {
      onStop.set(() -> {});
      close(background, database);
      embedded.ifPresent(EmbeddedDatabase::close);
      removeHook(stopHook);
      throw e;
    }
  }

  /** Closes the background pool, when it is one of its own, then the main one. */
  private static void close(Database background, Database database) {
    if (background != database) {
      background.close();
    }
    database.close();
  }

  /**
   * The JVM's shutdown hook (SIGTERM, Ctrl-C) for a node being started: it runs whatever {@code
   * onStop} holds then, so a node stops gracefully, and the embedded database only after the
   * batches in flight are stored.
   */
  private static Thread stopHook(AtomicReference<Runnable> onStop) {
    Thread hook = new Thread(() -> onStop.get().run(), "kairos-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook is running or has run
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

  /**
   * Stops taking requests, finishes the work in flight, then stops the database. Called again (by
   * the shutdown hook after an explicit close, say), it returns once the first call has finished.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      LOG.info("Kairos is stopping: no new requests; finishing the work in flight");
      http.close();
      modules.close();
      close(background, database);
      embedded.ifPresent(EmbeddedDatabase::close);
    }
    if (Thread.currentThread() != stopHook) {
      removeHook(stopHook);
    }
  }
}
