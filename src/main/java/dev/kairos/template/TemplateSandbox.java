package dev.kairos.template;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liqp.TemplateContext;
import liqp.TemplateParser;
import liqp.filters.Filter;

/**
 * What keeps a template inside its sandbox beyond Liqp's own limits: every filter's result bounded,
 * blocks nested at most {@link #MAX_NESTING} deep (the parser recurses per level), and the
 * variables reduced to plain values.
 */
public final class TemplateSandbox {
  public static final int MAX_NESTING = 50;
  private static final Pattern TAG = Pattern.compile("\\{%-?\\s*(\\w+)");
  private static final java.util.Set<String> BLOCKS =
      java.util.Set.of("if", "unless", "for", "case", "capture", "tablerow", "comment", "raw");

  private TemplateSandbox() {}

  /** The parser with every filter bounded and the locale filters added. */
  static TemplateParser parser(TemplateParser.Builder builder) {
    TemplateParser plain = builder.build();
    for (Filter filter : plain.filters.values()) {
      builder.withFilter(bounded(filter));
    }
    for (Filter filter : LocaleFilters.all()) {
      builder.withFilter(bounded(filter));
    }
    return builder.build();
  }

  private static Filter bounded(Filter inner) {
    return new Filter(inner.name) {
      @Override
      public Object apply(Object value, TemplateContext context, Object... params) {
        Object result = inner.apply(value, context, params);
        if (result instanceof CharSequence s && s.length() > TemplateRenderer.MAX_OUTPUT_CHARS) {
          throw new IllegalStateException(
              "filter "
                  + name
                  + " built more than "
                  + TemplateRenderer.MAX_OUTPUT_CHARS
                  + " characters");
        }
        int size =
            result instanceof Collection<?> c
                ? c.size()
                : result instanceof Object[] a ? a.length : 0;
        if (size > TemplateRenderer.MAX_ITERATIONS) {
          throw new IllegalStateException(
              "filter " + name + " built more than " + TemplateRenderer.MAX_ITERATIONS + " items");
        }
        return result;
      }
    };
  }

  /**
   * A problem before parsing: a part larger than {@link TemplateRenderer#MAX_TEMPLATE_BYTES}, or
   * blocks nested deeper than {@link #MAX_NESTING}.
   */
  static Optional<TemplateRenderer.Problem> shapeProblem(String part) {
    if (part.length() > TemplateRenderer.MAX_TEMPLATE_BYTES
        || part.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
            > TemplateRenderer.MAX_TEMPLATE_BYTES) {
      return Optional.of(
          new TemplateRenderer.Problem(
              "a template part is at most " + TemplateRenderer.MAX_TEMPLATE_BYTES + " bytes",
              0,
              0));
    }
    int depth = 0;
    Matcher m = TAG.matcher(part);
    while (m.find()) {
      String tag = m.group(1);
      if (BLOCKS.contains(tag)) {
        if (++depth > MAX_NESTING) {
          int line =
              1 + (int) part.substring(0, m.start()).chars().filter(ch -> ch == '\n').count();
          int column = m.start() - part.lastIndexOf('\n', m.start() - 1);
          return Optional.of(
              new TemplateRenderer.Problem(
                  "blocks are nested more than " + MAX_NESTING + " deep", line, column));
        }
      } else if (tag.startsWith("end") && BLOCKS.contains(tag.substring(3))) {
        depth = Math.max(0, depth - 1);
      }
    }
    return Optional.empty();
  }

  /**
   * The variables as plain values: maps, lists, strings, numbers, booleans, and {@link Lazy} values
   * computed when a template asks; anything else (a Java object) becomes its text, so no template
   * can reach a method or a class.
   */
  public static Map<String, Object> values(Map<String, Object> variables) {
    Map<String, Object> plain = new LinkedHashMap<>();
    variables.forEach((k, v) -> plain.put(k, value(v, 0)));
    return plain;
  }

  private static Object value(Object v, int depth) {
    if (v == null
        || v instanceof String
        || v instanceof Boolean
        || v instanceof Integer
        || v instanceof Long
        || v instanceof Double
        || v instanceof BigDecimal
        || v instanceof Lazy) {
      return v;
    }
    if (depth > 32) {
      return null;
    }
    if (v instanceof Number n) {
      return new BigDecimal(n.toString());
    }
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> plain = new LinkedHashMap<>();
      map.forEach((k, x) -> plain.put(String.valueOf(k), value(x, depth + 1)));
      return plain;
    }
    if (v instanceof Collection<?> list) {
      List<Object> plain = new ArrayList<>(list.size());
      list.forEach(x -> plain.add(value(x, depth + 1)));
      return plain;
    }
    return v.toString();
  }

  /**
   * A map whose entries are computed when a template reads them (e.g. {@code
   * recommendations.for_you}); its values are made plain too.
   */
  public abstract static class Lazy extends java.util.AbstractMap<String, Object> {
    private final Map<String, Object> computed = new java.util.HashMap<>();

    /** The value of a key, or null. */
    protected abstract Object compute(String key);

    @Override
    public Object get(Object key) {
      return computed.computeIfAbsent(String.valueOf(key), k -> value(compute(k), 0));
    }

    @Override
    public boolean containsKey(Object key) {
      return get(key) != null;
    }

    @Override
    public java.util.Set<Entry<String, Object>> entrySet() {
      return computed.entrySet();
    }
  }
}
