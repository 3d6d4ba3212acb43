package dev.kairos.platform.db;

import dev.kairos.platform.DatabaseException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL started from Maven artifacts, keeping its data in a directory between restarts.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** Starts PostgreSQL on a free loopback port with its data under {@code dataDirectory}. */
  public static EmbeddedDatabase start(Path dataDirectory) {
    try {
      Files.createDirectories(dataDirectory);
      boolean fresh = !Files.exists(dataDirectory.resolve("PG_VERSION"));
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setPort(freePort())
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("max_connections", "100")
              .setServerConfig("shared_buffers", "256MB")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("fsync", "on")
              .setServerConfig("wal_compression", "on")
              .setServerConfig("max_wal_size", "2GB")
              .start();
      if (fresh) {
        org.slf4j.LoggerFactory.getLogger(EmbeddedDatabase.class)
            .info("created a new embedded PostgreSQL in {}", dataDirectory);
      }
      return new EmbeddedDatabase(postgres);
    } catch (IOException e) {
      throw new DatabaseException("cannot start the embedded PostgreSQL in " + dataDirectory, e);
    }
  }

  public String jdbcUrl(String databaseName) {
    return postgres.getJdbcUrl("postgres", databaseName);
  }

  public int port() {
    return postgres.getPort();
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new DatabaseException("cannot stop the embedded PostgreSQL", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
