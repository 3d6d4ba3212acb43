package dev.kairos.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.app.KairosServer;
import dev.kairos.platform.KairosConfig;
import dev.kairos.platform.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** A real Kairos server on a random port over a fresh database, with HTTP helpers. */
public final class TestServer implements AutoCloseable {
  public static final String WRITE_KEY = "test-write-key";
  public static final String ADMIN_TOKEN = "test-admin-token";

  /** Every built-in marketing topic: sent without a recorded grant unless a test says otherwise. */
  public static final String LEGITIMATE_INTEREST =
      "newsletter,promotions,cart_reminders,product_updates,reviews";

  private final KairosServer server;
  private final Path home;
  private final HttpClient http = HttpClient.newHttpClient();

  private TestServer(KairosServer server, Path home) {
    this.server = server;
    this.home = home;
  }

  public static TestServer start(Clock clock) {
    return start(clock, Map.of());
  }

  public static TestServer start(Clock clock, Map<String, String> extraEnv) {
    try {
      Path home = Files.createTempDirectory("kairos-home");
      Map<String, String> env = new HashMap<>();
      env.put("KAIROS_HOME", home.toString());
      env.put("KAIROS_HTTP_PORT", "0");
      env.put("KAIROS_DATABASE_URL", TestDatabase.freshUrl());
      env.put("KAIROS_DATABASE_USER", "postgres");
      env.put("KAIROS_DATABASE_PASSWORD", TestDatabase.password());
      env.put("KAIROS_WRITE_KEY", WRITE_KEY);
      env.put("KAIROS_ADMIN_TOKEN", ADMIN_TOKEN);
      // background recomputes would move under a test's feet; tests that want them say so
      env.put("KAIROS_INTELLIGENCE_SCHEDULE", "off");
      // built-in segments write Segment Entered/Exited events to timelines; tests that want them
      // say so
      env.put("KAIROS_SEGMENTS_BUILT_IN", "off");
      // marketing sends need consent: tests of journeys and channels send on legitimate interest;
      // tests of consent say otherwise (KAIROS_CONSENT_LEGITIMATE_INTEREST = "")
      env.put("KAIROS_CONSENT_LEGITIMATE_INTEREST", LEGITIMATE_INTEREST);
      env.putAll(extraEnv);
      return new TestServer(KairosServer.start(KairosConfig.from(env), clock), home);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public KairosServer server() {
    return server;
  }

  public String baseUrl() {
    return "http://localhost:" + server.port();
  }

  /** A response: status and parsed JSON body (null when the body is not JSON). */
  public record Response(
      int status, JsonNode body, String text, java.net.http.HttpHeaders headers) {
    public Response(int status, JsonNode body, String text) {
      this(status, body, text, java.net.http.HttpHeaders.of(Map.of(), (name, value) -> true));
    }

    /** The first value of a response header, or null. */
    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  /** The JDBC URL of this server's database (another node can share it). */
  public String databaseUrl() {
    return server.database().read(c -> c.getMetaData().getURL());
  }

  /** Runs a SQL statement on this server's database (to set up a test's circumstances). */
  public void execute(String sql) {
    server
        .database()
        .read(
            c -> {
              try (var statement = c.createStatement()) {
                statement.execute(sql);
              }
              return null;
            });
  }

  public Response track(String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl() + path))
            .header("Authorization", basic(WRITE_KEY))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response post(String path, String json, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return send(request);
  }

  public Response admin(String method, String path) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl() + path))
            .header("Authorization", "Bearer " + ADMIN_TOKEN)
            .method(method, HttpRequest.BodyPublishers.noBody()));
  }

  /** A management API call with a JSON body. */
  public Response admin(String method, String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl() + path))
            .header("Authorization", "Bearer " + ADMIN_TOKEN)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response get(String path) {
    return admin("GET", path);
  }

  /** Sends a tracking call that must be accepted. */
  public Response trackOk(String path, String json) {
    Response response = track(path, json);
    if (response.status() != 200) {
      throw new AssertionError("expected 200 for " + json + " but got " + response.text());
    }
    return response;
  }

  /** The profile holding an identifier ({@code email:ann@example.com}); it must exist. */
  public JsonNode profile(String identifier) {
    Response response = get("/api/profiles?identifier=" + identifier);
    if (response.status() != 200) {
      throw new AssertionError("no profile for " + identifier + ": " + response.text());
    }
    return response.body();
  }

  /**
   * Waits until every event this server acknowledged is applied to identity and profiles (they are
   * applied a moment after the 2xx); the management API does the same before answering.
   */
  public void awaitApplied() {
    try {
      if (!server.modules().watermark().awaitCaughtUp(java.time.Duration.ofSeconds(30))) {
        throw new AssertionError(
            "events not applied within 30 s; lag " + server.modules().watermark().lag());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The first row of a SQL query as text columns, after the acknowledged events are applied. */
  public java.util.List<String> row(String sql) {
    awaitApplied();
    return server
        .database()
        .read(
            c -> {
              try (var rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                java.util.List<String> row = new java.util.ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                  row.add(rs.getString(i));
                }
                return row;
              }
            });
  }

  /** A single number from a SQL query, after the acknowledged events are applied. */
  public long count(String sql) {
    awaitApplied();
    return server
        .database()
        .read(
            c -> {
              try (var rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
              }
            });
  }

  public static String basic(String user) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":").getBytes(StandardCharsets.UTF_8));
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = null;
      try {
        body = Json.MAPPER.readTree(response.body());
      } catch (IOException notJson) {
        // leave null
      }
      return new Response(response.statusCode(), body, response.body(), response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
    Trees.delete(home);
  }
}
