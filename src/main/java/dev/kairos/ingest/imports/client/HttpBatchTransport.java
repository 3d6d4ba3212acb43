package dev.kairos.ingest.imports.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kairos.ingest.Rejection;
import dev.kairos.ingest.imports.BatchTransport;
import dev.kairos.ingest.imports.ImportProblem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Posts batches to a server's tracking API, {@code POST /v1/import}, with the write key. */
public final class HttpBatchTransport implements BatchTransport {
  private final HttpClient client;
  private final URI importUri;
  private final String authorization;
  private final ObjectMapper mapper;

  public HttpBatchTransport(URI base, String writeKey, ObjectMapper mapper) {
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.importUri = base.resolve("/v1/import");
    this.authorization =
        "Basic "
            + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
    this.mapper = mapper;
  }

  /** Whether a Kairos server answers {@code GET /health} at {@code base}. */
  public static boolean serverAnswers(URI base) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    try {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(base.resolve("/health"))
                  .timeout(Duration.ofSeconds(5))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Posts an empty batch: refused with an {@link ImportProblem} when the write key is wrong. */
  public void checkWriteKey() {
    try {
      send("{\"batch\":[]}".getBytes(StandardCharsets.UTF_8)).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof ImportProblem problem) {
        throw problem;
      }
      throw e;
    }
  }

  @Override
  public CompletableFuture<Outcome> send(byte[] body) {
    HttpRequest request =
        HttpRequest.newBuilder(importUri)
            .header("Authorization", authorization)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofMinutes(2))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .handle(
            (response, error) -> {
              if (error != null) {
                throw new ImportProblem(
                    "url", "the server at " + importUri + " did not answer: " + error.getMessage());
              }
              return outcome(response);
            });
  }

  private Outcome outcome(HttpResponse<String> response) {
    if (response.statusCode() == 401) {
      throw new ImportProblem(
          "write key",
          "the server at " + importUri + " refused the write key: " + message(response));
    }
    if (response.statusCode() != 200) {
      throw new ImportProblem(
          "url",
          "the server at "
              + importUri
              + " answered "
              + response.statusCode()
              + ": "
              + message(response));
    }
    try {
      JsonNode answer = mapper.readTree(response.body());
      List<Rejection> rejected = new ArrayList<>();
      for (JsonNode r : answer.path("rejected")) {
        rejected.add(
            new Rejection(
                r.hasNonNull("index") ? r.get("index").asInt() : null,
                r.path("field").asText(null),
                r.path("message").asText()));
      }
      return new Outcome(
          answer.path("accepted").asInt(), answer.path("duplicates").asInt(), rejected);
    } catch (IOException e) {
      throw new ImportProblem("url", "the server at " + importUri + " answered with invalid JSON");
    }
  }

  private String message(HttpResponse<String> response) {
    try {
      return mapper.readTree(response.body()).path("message").asText(response.body());
    } catch (IOException e) {
      return response.body();
    }
  }
}
