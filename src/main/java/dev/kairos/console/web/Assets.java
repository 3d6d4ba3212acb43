package dev.kairos.console.web;

import dev.kairos.platform.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The console's static files, from the jar: its own stylesheet and script, and htmx and ECharts
 * from their WebJars. A fixed list: no path from the request reaches the class path.
 */
public final class Assets implements RouteGroup {
  private static final Map<String, String> FILES =
      Map.ofEntries(
          Map.entry("console.css", "console/console.css"),
          Map.entry("console.js", "console/console.js"),
          Map.entry("segment-builder.js", "console/segment-builder.js"),
          Map.entry("htmx.min.js", "META-INF/resources/webjars/htmx.org/2.0.10/dist/htmx.min.js"),
          Map.entry(
              "echarts.min.js", "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js"),
          Map.entry("favicon.svg", "console/favicon.svg"),
          Map.entry("drawflow.min.js", "console/vendor/drawflow/drawflow.min.js"),
          Map.entry("drawflow.min.css", "console/vendor/drawflow/drawflow.min.css"),
          Map.entry("journey-canvas.js", "console/journey-canvas.js"));

  private final Map<String, byte[]> loaded = new java.util.concurrent.ConcurrentHashMap<>();

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/assets/{file}", this::serve);
  }

  private void serve(Context ctx) {
    String file = ctx.pathParam("file");
    String resource = FILES.get(file);
    if (resource == null) {
      ctx.status(404).contentType("text/plain").result("no such asset");
      return;
    }
    byte[] bytes = loaded.computeIfAbsent(resource, Assets::read);
    ctx.header("Cache-Control", "public, max-age=3600");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.contentType(contentType(file)).result(bytes);
  }

  private static String contentType(String file) {
    if (file.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    if (file.endsWith(".svg")) {
      return "image/svg+xml";
    }
    return "text/javascript; charset=utf-8";
  }

  private static byte[] read(String resource) {
    try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
