package dev.kairos.channel;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A provider on a random local port (the JDK's HTTP server): it records every request exactly as it
 * arrived and answers with the replies queued for it, in order (200 {@code {}} when none is
 * queued). A {@link #hang()} reply answers only when the stub closes, so a client times out.
 */
final class ProviderStub implements AutoCloseable {
  /** A request as the provider saw it. */
  record Received(
      String method, String path, String query, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  record Reply(int status, String body, boolean hang) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Deque<Reply> replies = new ConcurrentLinkedDeque<>();
  private final CountDownLatch closing = new CountDownLatch(1);

  ProviderStub() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          received.add(
              new Received(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getRawPath(),
                  exchange.getRequestURI().getRawQuery(),
                  Map.copyOf(exchange.getRequestHeaders()),
                  body));
          Reply reply = replies.isEmpty() ? new Reply(200, "{}", false) : replies.poll();
          if (reply.hang()) {
            try {
              closing.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  ProviderStub answer(int status, String body) {
    replies.add(new Reply(status, body, false));
    return this;
  }

  ProviderStub hang() {
    replies.add(new Reply(504, "", true));
    return this;
  }

  List<Received> received() {
    return new ArrayList<>(received);
  }

  Received only() {
    if (received.size() != 1) {
      throw new AssertionError("expected one request, got " + received);
    }
    return received.get(0);
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
  }
}
