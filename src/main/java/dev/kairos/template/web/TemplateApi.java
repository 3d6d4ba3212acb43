package dev.kairos.template.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kairos.platform.http.HttpProblem;
import dev.kairos.platform.http.RouteGroup;
import dev.kairos.template.Template;
import dev.kairos.template.TemplateRenderer;
import dev.kairos.template.store.TemplateStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code POST /api/templates}, {@code GET|PUT|DELETE /api/templates/{key}}. */
public final class TemplateApi implements RouteGroup {
  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,99}");

  private final TemplateStore templates;
  private final TemplateRenderer renderer;
  private final ObjectMapper mapper;

  public TemplateApi(TemplateStore templates, TemplateRenderer renderer, ObjectMapper mapper) {
    this.templates = templates;
    this.renderer = renderer;
    this.mapper = mapper;
  }

  public record Templates(List<Template> templates) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.post("/api/templates", ctx -> save(ctx, Optional.empty()));
    routes.get("/api/templates", ctx -> ctx.json(new Templates(templates.list())));
    routes.get("/api/templates/{key}", ctx -> ctx.json(find(ctx.pathParam("key"))));
    routes.put("/api/templates/{key}", ctx -> save(ctx, Optional.of(ctx.pathParam("key"))));
    routes.delete("/api/templates/{key}", this::delete);
  }

  private void save(Context ctx, Optional<String> pathKey) {
    if (!ctx.queryParamMap().isEmpty()) {
      String name = ctx.queryParamMap().keySet().iterator().next();
      throw HttpProblem.badRequest(name, "unknown query parameter " + name);
    }
    Template t = read(ctx, pathKey);
    if (pathKey.isEmpty()) {
      if (!templates.create(t)) {
        throw new HttpProblem(
            409, "conflict", "template " + t.key() + " exists; PUT replaces it", "key", null);
      }
      ctx.status(201).json(t);
    } else {
      if (!templates.replace(t)) {
        throw HttpProblem.notFound("no template " + t.key());
      }
      ctx.json(t);
    }
  }

  private Template read(Context ctx, Optional<String> pathKey) {
    JsonNode body;
    try {
      body = mapper.readTree(ctx.body());
    } catch (Exception e) {
      throw HttpProblem.badRequest("body", "the body is not JSON");
    }
    if (body == null || !body.isObject()) {
      throw HttpProblem.badRequest("body", "a template is a JSON object {key, channel, ...}");
    }
    String key = pathKey.orElse(text(body, "key"));
    if (key == null || !KEY.matcher(key).matches()) {
      throw HttpProblem.badRequest("key", "key is a slug: lower-case letters, digits, - and _");
    }
    if (pathKey.isPresent() && body.hasNonNull("key") && !body.get("key").asText().equals(key)) {
      throw HttpProblem.badRequest("key", "key in the body differs from the path");
    }
    String channel =
        Optional.ofNullable(text(body, "channel")).orElse("email").toLowerCase(Locale.ROOT);
    Map<String, String> data = data(body);
    Template t =
        new Template(
            key,
            channel,
            text(body, "subject"),
            text(body, "preheader"),
            text(body, "html"),
            text(body, "text"),
            text(body, "body"),
            data,
            flag(body, "track_opens"),
            flag(body, "track_clicks"));
    if (t.mainPart() == null) {
      throw HttpProblem.badRequest(
          channel.equals("email") ? "html" : "body",
          channel.equals("email")
              ? "an email template needs html or text"
              : "a template needs body");
    }
    for (String field : List.of("subject", "preheader", "html", "text", "body")) {
      checkLiquid(field, text(body, field));
    }
    data.forEach((name, part) -> checkLiquid("data." + name, part));
    return t;
  }

  private void checkLiquid(String field, String part) {
    if (part != null) {
      renderer
          .problem(part)
          .ifPresent(
              p -> {
                throw HttpProblem.badRequest(
                    field,
                    p.line() > 0
                        ? field
                            + " is not valid Liquid at line "
                            + p.line()
                            + ", column "
                            + p.column()
                            + ": "
                            + p.message()
                        : field + " is not valid Liquid: " + p.message());
              });
    }
  }

  /** {@code data}: an object whose values are strings (Liquid), in the order given. */
  private static Map<String, String> data(JsonNode body) {
    JsonNode value = body.get("data");
    if (value == null || value.isNull()) {
      return Map.of();
    }
    if (!value.isObject()) {
      throw HttpProblem.badRequest("data", "data must be an object of strings");
    }
    Map<String, String> data = new LinkedHashMap<>();
    value
        .fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().isTextual()) {
                throw HttpProblem.badRequest(
                    "data." + e.getKey(), "data." + e.getKey() + " must be a string");
              }
              data.put(e.getKey(), e.getValue().asText());
            });
    return data;
  }

  private static Boolean flag(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isBoolean()) {
      throw HttpProblem.badRequest(field, field + " must be true or false");
    }
    return value.asBoolean();
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw HttpProblem.badRequest(field, field + " must be a string");
    }
    return value.asText();
  }

  private Template find(String key) {
    return templates.find(key).orElseThrow(() -> HttpProblem.notFound("no template " + key));
  }

  private void delete(Context ctx) {
    if (!templates.delete(ctx.pathParam("key"))) {
      throw HttpProblem.notFound("no template " + ctx.pathParam("key"));
    }
    ctx.status(204);
  }
}
