package dev.kairos.benchmark;

import dev.kairos.testing.ServeProcess;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code kairos serve} in a JVM of its own, with its embedded PostgreSQL under a temporary {@code
 * KAIROS_HOME}: the server does not share a heap, JIT or GC with the load generator.
 */
final class KairosProcess implements AutoCloseable {
  private final Process process;
  private final Path home;
  private final Path log;
  private final int port;

  private KairosProcess(Process process, Path home, Path log, int port) {
    this.process = process;
    this.home = home;
    this.log = log;
    this.port = port;
  }

  static KairosProcess start(Path home, String writeKey, List<String> jvmOptions)
      throws IOException, InterruptedException {
    int port = freePort();
    List<String> command = ServeProcess.command(jvmOptions, classPath(), "serve");
    Path log = home.resolve("server.log");
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("KAIROS_HOME", home.toString());
    builder.environment().put("KAIROS_HTTP_PORT", Integer.toString(port));
    builder.environment().put("KAIROS_WRITE_KEY", writeKey);
    builder.environment().put("KAIROS_ADMIN_TOKEN", "bench-admin-token");
    builder.environment().remove("KAIROS_DATABASE_URL");
    builder.redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    KairosProcess server = new KairosProcess(builder.start(), home, log, port);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    server.awaitHealthy(Duration.ofSeconds(180));
    return server;
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  /**
   * The embedded PostgreSQL's JDBC URL: its port is line 4 of {@code postmaster.pid}, its password
   * in {@code postgres.password} beside the data directory.
   */
  String jdbcUrl() throws IOException {
    List<String> lines = Files.readAllLines(postmasterPid());
    String password = Files.readString(home.resolve("postgres.password")).trim();
    return "jdbc:postgresql://localhost:" + lines.get(3).trim() + "/postgres?password=" + password;
  }

  /** The PostgreSQL server processes (postmaster and backends), to measure their CPU time. */
  List<ProcessHandle> postgresProcesses() throws IOException {
    long pid = Long.parseLong(Files.readAllLines(postmasterPid()).get(0).trim());
    List<ProcessHandle> all = new ArrayList<>();
    Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
    postmaster.ifPresent(all::add);
    postmaster.ifPresent(p -> p.descendants().forEach(all::add));
    return all;
  }

  private Path postmasterPid() {
    return home.resolve("postgres").resolve("postmaster.pid");
  }

  private void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the Kairos server exited with " + process.exitValue() + "; its log:\n" + tail());
      }
      try {
        HttpResponse<Void> response =
            client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        "the Kairos server did not become healthy; its log:\n" + tail());
  }

  String tail() throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /** Stops the server as an operator would (SIGTERM: finish in-flight batches, stop PostgreSQL). */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The test class path. Under {@code exec:java} the program runs in Maven's JVM and its classes
   * come from a class loader of the exec plugin, so {@code java.class.path} is Maven's own.
   */
  private static String classPath() {
    Set<String> entries = new LinkedHashSet<>();
    if (KairosProcess.class.getClassLoader() instanceof URLClassLoader urls) {
      for (URL url : urls.getURLs()) {
        if (url.getProtocol().equals("file")) {
          entries.add(new File(URI.create(url.toString())).getPath());
        }
      }
    }
    boolean hasKairos = entries.stream().anyMatch(e -> e.endsWith("classes"));
    if (!hasKairos) {
      return System.getProperty("java.class.path");
    }
    return String.join(File.pathSeparator, entries);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
