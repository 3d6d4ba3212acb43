package dev.kairos.console.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A console user's browser without the browser: cookies, forms and the CSRF token of the last page.
 */
final class ConsoleClient {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final String base;
  private final HttpClient http;
  private String csrf;

  ConsoleClient(String base) {
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  HttpResponse<String> get(String path) {
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    Matcher m = CSRF.matcher(response.body());
    if (m.find()) {
      csrf = m.group(1);
    }
    return response;
  }

  /** Posts a form with the CSRF token of the last page seen. */
  HttpResponse<String> post(String path, String... nameValues) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("_csrf", csrf);
    for (int i = 0; i < nameValues.length; i += 2) {
      form.put(nameValues[i], nameValues[i + 1]);
    }
    return postForm(path, form);
  }

  /** Posts a form exactly as given (no CSRF token unless it is in {@code form}). */
  HttpResponse<String> postForm(String path, Map<String, String> form) {
    StringBuilder body = new StringBuilder();
    form.forEach(
        (name, value) -> {
          if (value == null) {
            return;
          }
          if (body.length() > 0) {
            body.append('&');
          }
          body.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
              .append('=')
              .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build());
  }

  /** Posts JSON as the console's scripts do, with the CSRF token of the last page in its header. */
  HttpResponse<String> postJson(String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .header("X-CSRF-Token", csrf)
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  /** The value of the first attribute {@code name} in {@code html}, unescaped. */
  static String attribute(String html, String name) {
    Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(html);
    if (!m.find()) {
      throw new AssertionError("no attribute " + name);
    }
    return m.group(1)
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  /** Signs in through the form; answers the response to the form's POST. */
  HttpResponse<String> signIn(String email, String password) {
    get("/login");
    return post("/login", "email", email, "password", password, "next", "/");
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
