package dev.kairos.segment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.testing.Await;
import dev.kairos.testing.TestServer;
import java.util.UUID;

/** The segment routes as the tests call them: admin JSON requests against a real server. */
final class SegmentHttp {
  private final TestServer server;

  SegmentHttp(TestServer server) {
    this.server = server;
  }

  TestServer.Response send(String method, String path, String json) {
    java.net.http.HttpRequest.Builder request =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + path))
            .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
            .header("Content-Type", "application/json")
            .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(json));
    try {
      java.net.http.HttpResponse<String> response =
          java.net.http.HttpClient.newHttpClient()
              .send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      JsonNode body = null;
      try {
        body = dev.kairos.platform.http.Json.MAPPER.readTree(response.body());
      } catch (java.io.IOException notJson) {
        // left null
      }
      return new TestServer.Response(
          response.statusCode(), body, response.body(), response.headers());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Creates a segment; it must be accepted. */
  JsonNode create(String json) {
    TestServer.Response response = send("POST", "/api/segments", json);
    if (response.status() != 201) {
      throw new AssertionError("expected 201 for " + json + " but got " + response.text());
    }
    return response.body();
  }

  /** The keys of the segments a profile is in now. */
  java.util.List<String> segmentsOf(UUID profileId) {
    TestServer.Response response = server.get("/api/profiles/" + profileId + "/segments");
    java.util.List<String> keys = new java.util.ArrayList<>();
    response.body().path("segments").forEach(s -> keys.add(s.path("key").asText()));
    return keys;
  }

  boolean isMember(UUID profileId, String key) {
    return segmentsOf(profileId).contains(key);
  }

  void awaitMember(UUID profileId, String key) throws InterruptedException {
    Await.until(() -> isMember(profileId, key), profileId + " is in " + key);
  }

  void awaitNotMember(UUID profileId, String key) throws InterruptedException {
    Await.until(() -> !isMember(profileId, key), profileId + " is not in " + key);
  }

  /** Waits until the segment's newest recompute is done. */
  void awaitRecomputed(String key) throws InterruptedException {
    Await.until(
        () ->
            "done"
                .equals(
                    server
                        .get("/api/segments/" + key)
                        .body()
                        .path("recompute")
                        .path("status")
                        .asText()),
        key + " recomputed");
  }

  UUID profileId(String identifier) {
    return UUID.fromString(server.profile(identifier).path("id").asText());
  }
}
