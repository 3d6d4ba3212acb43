package dev.kairos.template;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import liqp.TemplateParser;
import liqp.exceptions.LiquidException;

/**
 * Renders Liquid with Liqp, sandboxed: at most {@link #MAX_ITERATIONS} loop iterations, {@link
 * #MAX_RENDER_MILLIS} ms and {@link #MAX_OUTPUT_CHARS} characters of output per part, templates of
 * at most {@link #MAX_TEMPLATE_BYTES} and {@link TemplateSandbox#MAX_NESTING} nested blocks; no
 * filter may build a string or list beyond those limits (a string doubled in a loop is stopped
 * before it fills the heap); {@code include} and {@code render} of files are refused (Liqp's
 * defaults are unlimited and read files). Only the values given are reachable: maps, lists,
 * strings, numbers and booleans ({@link TemplateSandbox#values}); no Java object is.
 */
public final class TemplateRenderer {
  public static final int MAX_ITERATIONS = 10_000;
  public static final long MAX_RENDER_MILLIS = 1_000;
  public static final int MAX_OUTPUT_CHARS = 1_000_000;
  public static final long MAX_TEMPLATE_BYTES = 256 * 1024;

  private final TemplateParser parser = TemplateSandbox.parser(builder());

  /**
   * Where parts render under the time limit (Liqp would start a thread per part): threads kept and
   * reused, daemons, so a render stopped by the limit never holds the JVM open.
   */
  private static final ExecutorService RENDERING =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "kairos-template-render");
            t.setDaemon(true);
            return t;
          });

  /** Parsed parts by their text: a template is parsed once, not once per person. */
  private final LoadingCache<String, liqp.Template> parsed =
      Caffeine.newBuilder().maximumSize(2_000).build(part -> parser.parse(part));

  private static TemplateParser.Builder builder() {
    return new TemplateParser.Builder()
        .withMaxIterations(MAX_ITERATIONS)
        .withMaxRenderTimeMillis(MAX_RENDER_MILLIS)
        .withMaxSizeRenderedString(MAX_OUTPUT_CHARS)
        .withMaxTemplateSizeBytes(MAX_TEMPLATE_BYTES)
        .withNameResolver(
            name -> {
              throw new IOException("includes are disabled in Kairos templates: " + name);
            })
        .withShowExceptionsFromInclude(true);
  }

  /** Why a part cannot be used, and where. */
  public record Problem(String message, int line, int column) {
    @Override
    public String toString() {
      return line > 0 ? "line " + line + ", column " + column + ": " + message : message;
    }
  }

  /** Renders every part of a template with these variables. */
  public Rendering render(Template template, Map<String, Object> variables) {
    try {
      Map<String, Object> values = TemplateSandbox.values(variables);
      Map<String, String> data = new LinkedHashMap<>();
      template.data().forEach((name, part) -> data.put(name, renderPart(part, values)));
      return new Rendering.Rendered(
          renderPart(template.subject(), values),
          renderPart(template.preheader(), values),
          renderPart(template.html(), values),
          renderPart(template.text(), values),
          renderPart(template.body(), values),
          data);
    } catch (RuntimeException | StackOverflowError e) {
      return new Rendering.Failed(
          "template " + template.key() + " cannot be rendered: " + problemOf(e));
    }
  }

  /** Parses a part, so a template that does not parse is refused when saved. */
  public Optional<Problem> problem(String part) {
    Optional<Problem> shape = TemplateSandbox.shapeProblem(part);
    if (shape.isPresent()) {
      return shape;
    }
    try {
      parser.parse(part);
      return Optional.empty();
    } catch (RuntimeException | StackOverflowError e) {
      return Optional.of(problemOf(e));
    }
  }

  private String renderPart(String part, Map<String, Object> variables) {
    if (part == null) {
      return null;
    }
    Optional<Problem> shape = TemplateSandbox.shapeProblem(part);
    if (shape.isPresent()) {
      throw new IllegalArgumentException(shape.get().toString());
    }
    try {
      return parsed.get(part).render(variables, RENDERING, false);
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /**
   * The most telling message of a failure: the deepest cause that says something (Liqp wraps its
   * limits in "Oops, something unexpected happened"), with the line and column of a parse error,
   * never longer than a line.
   */
  static Problem problemOf(Throwable e) {
    if (e instanceof StackOverflowError) {
      return new Problem("the template is nested too deeply", 0, 0);
    }
    int line = 0;
    int column = 0;
    String message = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof LiquidException liquid && line == 0) {
        line = liquid.line;
        column = liquid.charPositionInLine + 1;
      }
      if (t.getMessage() != null
          && !t.getMessage().isBlank()
          && !t.getMessage().startsWith("Oops, something unexpected happened")
          && !(t instanceof java.util.concurrent.ExecutionException)) {
        message = t.getMessage();
      }
      if (t.getCause() == t) {
        break;
      }
    }
    if (message == null) {
      message = e.getClass().getSimpleName();
    }
    message = message.replaceAll(" on line \\d+, index \\d+$", "").replaceAll("\\s+", " ");
    if (message.length() > 160) {
      message = message.substring(0, 157) + "...";
    }
    return new Problem(message, line, column);
  }
}
