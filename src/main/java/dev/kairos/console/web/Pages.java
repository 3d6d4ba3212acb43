package dev.kairos.console.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders the console's jte templates (compiled to classes at build time, so the fat jar needs no
 * compiler) with the headers every page carries.
 */
public final class Pages {
  /** Scripts only from this origin, no framing, no inline script: injected markup stays inert. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'"
          + " data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors"
          + " 'none'";

  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  /** Renders {@code template} with its parameters given as name, value pairs. */
  public void render(Context ctx, String template, Object... nameValues) {
    Map<String, Object> params = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      params.put((String) nameValues[i], nameValues[i + 1]);
    }
    StringOutput output = new StringOutput();
    engine.render(template, params, output);
    headers(ctx);
    ctx.contentType("text/html; charset=utf-8").result(output.toString());
  }

  static void headers(Context ctx) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("Cache-Control", "no-store");
  }
}
