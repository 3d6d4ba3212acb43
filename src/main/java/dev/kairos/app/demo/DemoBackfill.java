package dev.kairos.app.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.app.KairosServer;
import dev.kairos.intelligence.RecomputeSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Gives the demo a past: sends a {@link DemoHistory} through the node's own {@code /v1/import}, in
 * time order, waits until it is applied, then recomputes RFM, lifecycle, replenishment, send hours
 * and CLV as of now, so every field is filled before the live shop starts.
 */
public final class DemoBackfill {
  /** Calls per request: well under the tracking API's 2,500 events and 500 KB per batch. */
  static final int BATCH = 500;

  /** Connections sending at once. */
  static final int SENDERS = 4;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private DemoBackfill() {}

  /** What the back-fill did. */
  public record Outcome(int calls, long sendMillis, RecomputeSummary recompute) {}

  public static Outcome run(
      KairosServer server, String writeKey, long seed, int customers, Clock clock, PrintStream out)
      throws InterruptedException {
    long started = System.nanoTime();
    List<DemoHistory.Call> calls = DemoHistory.of(seed, customers, clock.instant());
    out.printf(
        "demo: back-filling %,d customers' last %d days (%,d calls)…%n",
        customers, DemoHistory.DAYS, calls.size());
    send(URI.create("http://localhost:" + server.port() + "/v1/import"), writeKey, calls, out);
    long sent = System.nanoTime();
    if (!server.modules().watermark().awaitCaughtUp(Duration.ofSeconds(120))) {
      out.println("demo: the history is still being applied; scores may miss some of it");
    }
    long sendMillis = (System.nanoTime() - started) / 1_000_000;
    RecomputeSummary summary = server.modules().profileScores().recomputeAll();
    out.printf(
        "demo: history stored in %.1f s (sent in %.1f s, then applied); scores of %,d profiles"
            + " computed in %.1f s%n",
        sendMillis / 1000.0,
        (sent - started) / 1e9,
        summary.profiles(),
        summary.durationMillis() / 1000.0);
    return new Outcome(calls.size(), sendMillis, summary);
  }

  /**
   * Sends the calls on {@link #SENDERS} connections at once, each person's calls on one of them in
   * time order (so a second device is seen before it logs in, and a loyalty card is known before
   * the till uses it).
   */
  private static void send(URI uri, String writeKey, List<DemoHistory.Call> calls, PrintStream out)
      throws InterruptedException {
    List<List<DemoHistory.Call>> lanes = new ArrayList<>();
    for (int i = 0; i < SENDERS; i++) {
      lanes.add(new ArrayList<>());
    }
    for (DemoHistory.Call call : calls) {
      lanes.get(Math.floorMod(call.person(), SENDERS)).add(call);
    }
    HttpClient http = HttpClient.newHttpClient();
    String authorization =
        "Basic "
            + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
    ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (List<DemoHistory.Call> lane : lanes) {
        done.add(
            senders.submit(
                () -> {
                  sendLane(http, uri, authorization, lane, out);
                  return null;
                }));
      }
      for (Future<?> lane : done) {
        lane.get();
      }
    } catch (ExecutionException e) {
      out.println("demo: sending the history failed: " + e.getCause());
    } finally {
      senders.shutdownNow();
    }
  }

  private static void sendLane(
      HttpClient http, URI uri, String authorization, List<DemoHistory.Call> calls, PrintStream out)
      throws IOException, InterruptedException {
    for (int from = 0; from < calls.size(); from += BATCH) {
      ArrayNode batch = JSON.arrayNode();
      for (DemoHistory.Call call : calls.subList(from, Math.min(calls.size(), from + BATCH))) {
        batch.add(call.json());
      }
      ObjectNode body = JSON.objectNode();
      body.set("batch", batch);
      body.putObject("context").putObject("library").put("name", "kairos-demo-history");
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri)
                  .header("Authorization", authorization)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        out.println(
            "demo: the tracking API answered " + response.statusCode() + ": " + response.body());
      }
    }
  }
}
