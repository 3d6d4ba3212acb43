package dev.kairos.testing;

import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.EmbeddedDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real embedded PostgreSQL per test run; each call to {@link #fresh()} creates a new empty
 * database in it, so test classes never see each other's rows.
 */
public final class TestDatabase {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedDatabase postgres;

  private TestDatabase() {}

  /** A JDBC URL of a new, empty database. */
  public static synchronized String freshUrl() {
    EmbeddedDatabase server = server();
    String name = "kairos_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (Connection c =
            DriverManager.getConnection(server.jdbcUrl("postgres"), "postgres", server.password());
        Statement s = c.createStatement()) {
      s.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return server.jdbcUrl(name);
  }

  /** A migrated {@link Database} on a new, empty database. */
  public static Database fresh() {
    Database database = Database.connect(freshUrl(), "postgres", password(), 8);
    database.migrate();
    return database;
  }

  /** The password of the test PostgreSQL's superuser {@code postgres}. */
  public static synchronized String password() {
    return server().password();
  }

  private static EmbeddedDatabase server() {
    if (postgres == null) {
      try {
        // laid out as under KAIROS_HOME: the database's lock and password files sit beside it
        Path dir = Files.createTempDirectory("kairos-test-pg");
        postgres = EmbeddedDatabase.start(dir.resolve("postgres"));
        EmbeddedDatabase started = postgres;
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      started.close();
                      Trees.delete(dir);
                    }));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return postgres;
  }
}
