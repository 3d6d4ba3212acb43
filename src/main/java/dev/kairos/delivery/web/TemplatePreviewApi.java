package dev.kairos.delivery.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kairos.delivery.Links;
import dev.kairos.delivery.TemplateVariables;
import dev.kairos.platform.http.HttpProblem;
import dev.kairos.platform.http.RouteGroup;
import dev.kairos.template.Rendering;
import dev.kairos.template.Template;
import dev.kairos.template.TemplateRenderer;
import dev.kairos.template.store.TemplateStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/templates/{key}/preview} with {@code {"profile_id"}}: the template rendered for
 * that person with the variables a send would have (no event or coupon: there is no run), nothing
 * sent or stored. A template that cannot be rendered answers 422 with the reason.
 */
public final class TemplatePreviewApi implements RouteGroup {
  private final TemplateStore templates;
  private final TemplateRenderer renderer;
  private final TemplateVariables variables;
  private final Links links;
  private final ObjectMapper mapper;

  public TemplatePreviewApi(
      TemplateStore templates,
      TemplateRenderer renderer,
      TemplateVariables variables,
      Links links,
      ObjectMapper mapper) {
    this.templates = templates;
    this.renderer = renderer;
    this.variables = variables;
    this.links = links;
    this.mapper = mapper;
  }

  /** The rendered parts (a part the template lacks is absent). */
  public record Preview(
      String key,
      String subject,
      String preheader,
      String html,
      String text,
      String body,
      Map<String, String> data) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.post("/api/templates/{key}/preview", this::preview);
  }

  private void preview(Context ctx) {
    for (String name : ctx.queryParamMap().keySet()) {
      throw HttpProblem.badRequest(name, "unknown query parameter " + name);
    }
    UUID profileId = profileId(ctx);
    Template template =
        templates
            .find(ctx.pathParam("key"))
            .orElseThrow(() -> HttpProblem.notFound("no template " + ctx.pathParam("key")));
    Map<String, Object> values =
        new HashMap<>(
            variables
                .of(profileId, mapper.createObjectNode())
                .orElseThrow(() -> HttpProblem.notFound("no profile " + profileId)));
    values.put("unsubscribe_url", links.unsubscribeUrl(0));
    values.put("preferences_url", links.preferencesUrl(profileId));
    Rendering rendering = renderer.render(template, values);
    if (rendering instanceof Rendering.Failed failed) {
      throw new HttpProblem(422, "cannot_render", failed.reason(), "template", null);
    }
    Rendering.Rendered r = (Rendering.Rendered) rendering;
    ctx.json(
        new Preview(
            template.key(), r.subject(), r.preheader(), r.html(), r.text(), r.body(), r.data()));
  }

  private UUID profileId(Context ctx) {
    JsonNode body;
    try {
      body = mapper.readTree(ctx.body());
    } catch (Exception e) {
      throw HttpProblem.badRequest("body", "the body is not JSON");
    }
    JsonNode id = body == null ? null : body.get("profile_id");
    if (id == null || !id.isTextual()) {
      throw HttpProblem.badRequest(
          "profile_id", "profile_id is required: {\"profile_id\": \"<uuid>\"}");
    }
    try {
      return UUID.fromString(id.asText());
    } catch (IllegalArgumentException e) {
      throw HttpProblem.badRequest("profile_id", "profile_id is not a profile id (a UUID)");
    }
  }
}
