package dev.kairos.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code kairos serve} in a JVM of its own with its embedded PostgreSQL under {@code home}, as an
 * operator runs it: for what only a real process shows (SIGKILL, SIGTERM).
 */
public record ServeProcess(Process process, int port, Path home, List<String> output) {
  private static final Pattern LISTENING = Pattern.compile("listening on http://localhost:(\\d+)");

  /**
   * The command that runs Kairos as {@code ./kairos} does (with the options of {@code jvm.options},
   * so a test of a real process also fails when that file holds an option the JVM refuses), then
   * {@code jvmOptions}, from {@code classPath}.
   */
  public static List<String> command(List<String> jvmOptions, String classPath, String... args) {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("@" + Path.of("jvm.options").toAbsolutePath());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classPath);
    command.add("dev.kairos.cli.KairosCommand");
    command.addAll(List.of(args));
    return command;
  }

  public static ServeProcess start(Path home) throws IOException, InterruptedException {
    return start(home, java.util.Map.of());
  }

  /** A node with these variables added to the environment (e.g. KAIROS_APPLY_LINGER_MS). */
  public static ServeProcess start(Path home, java.util.Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(
            command(List.of("-Xmx512m"), System.getProperty("java.class.path"), "serve"));
    builder.environment().put("KAIROS_HOME", home.toString());
    builder.environment().put("KAIROS_HTTP_PORT", "0");
    builder.environment().put("KAIROS_WRITE_KEY", TestServer.WRITE_KEY);
    builder.environment().put("KAIROS_ADMIN_TOKEN", TestServer.ADMIN_TOKEN);
    builder.environment().remove("KAIROS_DATABASE_URL");
    builder.environment().put("KAIROS_CONSENT_LEGITIMATE_INTEREST", TestServer.LEGITIMATE_INTEREST);
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    Process process = builder.start();
    List<String> output = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    BlockingQueue<Integer> port = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  output.add(line);
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    port.add(Integer.parseInt(m.group(1)));
                  }
                }
              } catch (IOException ignored) {
                // the process ended
              }
              port.add(-1); // its output ended: it exited (or closed its output) before listening
            });
    reader.setDaemon(true);
    reader.start();
    Integer listening = port.poll(120, TimeUnit.SECONDS);
    if (listening == null || listening < 0) {
      process.destroyForcibly();
      throw new AssertionError(
          (listening == null ? "Kairos did not start within 120 s: " : "Kairos exited: ") + output);
    }
    return new ServeProcess(process, listening, home, output);
  }

  public HttpResponse<String> post(String path, String json)
      throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(request(path, json), HttpResponse.BodyHandlers.ofString());
  }

  public CompletableFuture<HttpResponse<String>> postAsync(String path, String json) {
    return HttpClient.newHttpClient()
        .sendAsync(request(path, json), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> admin(String path) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** A management API call with a JSON body. */
  public HttpResponse<String> admin(String method, String path, String json)
      throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** The embedded PostgreSQL's JDBC URL (its port from {@code postmaster.pid}), as superuser. */
  public String databaseUrl() throws IOException {
    List<String> pid = Files.readAllLines(home.resolve("postgres").resolve("postmaster.pid"));
    String password = Files.readString(home.resolve("postgres.password")).trim();
    return "jdbc:postgresql://localhost:"
        + pid.get(3).trim()
        + "/postgres?user=postgres&password="
        + password;
  }

  /**
   * Kills the node and its embedded PostgreSQL at once with SIGKILL: the JVM, the postmaster (which
   * outlives its parent) and every backend, as a power cut would leave them. Returns when all are
   * gone.
   */
  public void killEverything() throws Exception {
    long postmaster =
        Long.parseLong(
            Files.readAllLines(home.resolve("postgres").resolve("postmaster.pid")).get(0).trim());
    List<ProcessHandle> victims = new java.util.ArrayList<>();
    victims.add(process.toHandle());
    process.toHandle().descendants().forEach(victims::add);
    ProcessHandle.of(postmaster)
        .ifPresent(
            p -> {
              victims.add(p);
              p.descendants().forEach(victims::add);
            });
    victims.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle victim : victims) {
      victim.onExit().get(30, TimeUnit.SECONDS);
    }
  }

  /** Whether the node has printed a line containing {@code text}. */
  public boolean said(String text) {
    synchronized (output) {
      return output.stream().anyMatch(line -> line.contains(text));
    }
  }

  /** Stops the node (SIGTERM) and waits for it to end. */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private HttpRequest request(String path, String json) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", TestServer.basic(TestServer.WRITE_KEY))
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
  }
}
