package dev.kairos.platform.db;

import dev.kairos.platform.DatabaseException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL started from Maven artifacts, keeping its data in a directory between restarts.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final EmbeddedPostgres postgres;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private EmbeddedDatabase(EmbeddedPostgres postgres, FileChannel lockChannel, FileLock lock) {
    this.postgres = postgres;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** Starts PostgreSQL on a free loopback port with its data under {@code dataDirectory}. */
  public static EmbeddedDatabase start(Path dataDirectory) {
    try {
      Files.createDirectories(dataDirectory);
      FileChannel lockChannel =
          FileChannel.open(
              dataDirectory.resolveSibling(dataDirectory.getFileName() + ".lock"),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE);
      FileLock lock = lockChannel.tryLock();
      if (lock == null) {
        lockChannel.close();
        throw new DatabaseException(
            "another Kairos process is using the embedded database in " + dataDirectory, null);
      }
      stopOrphan(dataDirectory);
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
        LOG.info("created a new embedded PostgreSQL in {}", dataDirectory);
      }
      return new EmbeddedDatabase(postgres, lockChannel, lock);
    } catch (IOException e) {
      throw new DatabaseException("cannot start the embedded PostgreSQL in " + dataDirectory, e);
    }
  }

  /**
   * A PostgreSQL left running on our data directory by a Kairos process that was killed (kill -9
   * gives it no chance to stop its database). We hold the directory's lock, so no live Kairos owns
   * it: stop the orphan and wait for it to exit, so a fresh one can start on the same data.
   */
  private static void stopOrphan(Path dataDirectory) throws IOException {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    } catch (RuntimeException e) {
      return;
    }
    Optional<ProcessHandle> orphan =
        ProcessHandle.of(pid)
            .filter(ProcessHandle::isAlive)
            .filter(h -> h.info().command().map(c -> c.endsWith("postgres")).orElse(false))
            .filter(h -> servesDirectory(h, dataDirectory));
    if (orphan.isEmpty()) {
      return;
    }
    LOG.warn("stopping an orphaned embedded PostgreSQL (pid {}) left by a killed Kairos", pid);
    orphan.get().destroy();
    try {
      orphan.get().onExit().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      orphan.get().destroyForcibly();
      throw new DatabaseException("the orphaned PostgreSQL (pid " + pid + ") did not stop", e);
    }
  }

  /** Only a postgres started on this very data directory ({@code -D dir}) is ours to stop. */
  private static boolean servesDirectory(ProcessHandle process, Path dataDirectory) {
    String[] arguments = process.info().arguments().orElse(new String[0]);
    for (int i = 0; i + 1 < arguments.length; i++) {
      if (arguments[i].equals("-D")
          && Path.of(arguments[i + 1])
              .toAbsolutePath()
              .normalize()
              .equals(dataDirectory.toAbsolutePath().normalize())) {
        return true;
      }
    }
    return false;
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
      lock.release();
      lockChannel.close();
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
