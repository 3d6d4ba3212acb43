package dev.kairos.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kairos.delivery.Channel.Handoff;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How every adapter talks to its provider: one {@link HttpClient}, a timeout per request, and one
 * rule for what an answer means. A 2xx is {@link Handoff.Sent} with the provider's id; a timeout, a
 * connection failure, 408, 429 and 5xx are retryable failures (the provider may take it later); any
 * other 4xx is a failure retrying cannot mend (a bad number, an unknown template).
 */
final class ProviderHttp {
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final int ERROR_TEXT = 300;

  private final HttpClient http;
  private final ObjectMapper json;
  private final Duration timeout;

  ProviderHttp(HttpClient http, ObjectMapper json, Duration timeout) {
    this.http = http;
    this.json = json;
    this.timeout = timeout;
  }

  /** What came back from a provider: an answer, or no answer at all. */
  sealed interface Reply {
    record Answered(int status, String body) implements Reply {}

    record Unreachable(String error) implements Reply {}
  }

  Reply call(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply.Answered(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Reply.Unreachable(
          request.uri().getHost() + " did not answer: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Reply.Unreachable("interrupted while sending");
    }
  }

  /** Calls and classifies by status; {@code providerId} reads the id from a 2xx body. */
  Handoff send(HttpRequest request, Function<JsonNode, String> providerId) {
    return classify(call(request), providerId);
  }

  Handoff classify(Reply reply, Function<JsonNode, String> providerId) {
    if (reply instanceof Reply.Unreachable u) {
      return new Handoff.Failed(true, u.error());
    }
    Reply.Answered a = (Reply.Answered) reply;
    if (a.status() >= 200 && a.status() < 300) {
      return new Handoff.Sent(providerId.apply(parse(a.body())));
    }
    return new Handoff.Failed(retryable(a.status()), "HTTP " + a.status() + ": " + excerpt(a));
  }

  static boolean retryable(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  /** The body as JSON, or an empty object when it is not JSON. */
  JsonNode parse(String body) {
    try {
      JsonNode node = body == null || body.isBlank() ? null : json.readTree(body);
      return node == null ? json.createObjectNode() : node;
    } catch (IOException e) {
      return json.createObjectNode();
    }
  }

  String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException("a provider request cannot be written as JSON", e);
    }
  }

  static String excerpt(Reply.Answered a) {
    String body = a.body() == null ? "" : a.body().strip();
    return body.length() <= ERROR_TEXT ? body : body.substring(0, ERROR_TEXT) + "…";
  }

  /** A request to a provider, with this client's timeout. */
  HttpRequest.Builder to(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(timeout);
  }

  static HttpRequest.BodyPublisher form(Map<String, String> fields) {
    return HttpRequest.BodyPublishers.ofString(formText(fields));
  }

  /** {@code application/x-www-form-urlencoded}, in the map's order, empty values left out. */
  static String formText(Map<String, String> fields) {
    return fields.entrySet().stream()
        .filter(e -> e.getValue() != null && !e.getValue().isEmpty())
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  static Optional<String> text(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull() || node.asText().isEmpty()
        ? Optional.empty()
        : Optional.of(node.asText());
  }

  /** A base URL without its trailing slash, so paths can be appended. */
  static String base(URI uri) {
    String s = uri.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
