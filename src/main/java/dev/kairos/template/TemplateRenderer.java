package dev.kairos.template;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import liqp.TemplateParser;

/**
 * Renders Liquid with Liqp, sandboxed: at most {@link #MAX_ITERATIONS} loop iterations, {@link
 * #MAX_RENDER_MILLIS} ms and {@link #MAX_OUTPUT_CHARS} characters of output per part, templates of
 * at most {@link #MAX_TEMPLATE_BYTES}; {@code include} and {@code render} of files are refused
 * (Liqp's defaults are unlimited and read files).
 */
public final class TemplateRenderer {
  public static final int MAX_ITERATIONS = 10_000;
  public static final long MAX_RENDER_MILLIS = 1_000;
  public static final int MAX_OUTPUT_CHARS = 1_000_000;
  public static final long MAX_TEMPLATE_BYTES = 256 * 1024;

  private final TemplateParser parser =
      new TemplateParser.Builder()
          .withMaxIterations(MAX_ITERATIONS)
          .withMaxRenderTimeMillis(MAX_RENDER_MILLIS)
          .withMaxSizeRenderedString(MAX_OUTPUT_CHARS)
          .withMaxTemplateSizeBytes(MAX_TEMPLATE_BYTES)
          .withNameResolver(
              name -> {
                throw new IOException("includes are disabled in Kairos templates: " + name);
              })
          .withShowExceptionsFromInclude(true)
          .build();

  /** Renders every part of a template with these variables. */
  public Rendering render(Template template, Map<String, Object> variables) {
    try {
      Map<String, String> data = new LinkedHashMap<>();
      template.data().forEach((name, part) -> data.put(name, renderPart(part, variables)));
      return new Rendering.Rendered(
          renderPart(template.subject(), variables),
          renderPart(template.preheader(), variables),
          renderPart(template.html(), variables),
          renderPart(template.text(), variables),
          renderPart(template.body(), variables),
          data);
    } catch (RuntimeException e) {
      return new Rendering.Failed(
          "template " + template.key() + " cannot be rendered: " + message(e));
    }
  }

  /** Parses a part, so a template that does not parse is refused when saved. */
  public java.util.Optional<String> problem(String part) {
    try {
      parser.parse(part);
      return java.util.Optional.empty();
    } catch (RuntimeException e) {
      return java.util.Optional.of(message(e));
    }
  }

  private String renderPart(String part, Map<String, Object> variables) {
    return part == null ? null : parser.parse(part).render(variables);
  }

  private static String message(Throwable e) {
    String message = e.getMessage();
    while (message == null && e.getCause() != null) {
      e = e.getCause();
      message = e.getMessage();
    }
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
