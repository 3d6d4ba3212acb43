package dev.kairos.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.platform.http.Json;
import dev.kairos.template.Template;
import dev.kairos.template.TemplateRenderer;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A template as the editor holds it: its JSON as the template API shows it (so fields the API
 * gains, such as a preheader or tracking options, travel through the editor untouched), the parts
 * the editor knows, and the Liquid problems of each part with their line and column.
 */
public record TemplateDraft(ObjectNode json) {
  static final Set<String> KNOWN = Set.of("key", "channel", "subject", "html", "text", "body");
  static final List<String> CHANNELS = List.of("email", "sms", "push");
  static final List<String> PARTS = List.of("subject", "html", "text", "body");
  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,99}");

  /** A problem of one field; {@code line} and {@code column} are 0 when the parser gave none. */
  public record Problem(String field, int line, int column, String message) {
    public String where() {
      return line > 0 ? field + ", line " + line + ", column " + column : field;
    }
  }

  /** An extra field the API answers and the editor has no input of its own for. */
  public record Extra(String name, String value) {}

  static TemplateDraft of(Template template) {
    return new TemplateDraft(Json.MAPPER.valueToTree(template));
  }

  static TemplateDraft blank(String channel) {
    ObjectNode json = Json.MAPPER.createObjectNode();
    json.put("key", "");
    json.put("channel", channel);
    return new TemplateDraft(json);
  }

  /** The editor's form: the known parts, and {@code extra.NAME} for every other field. */
  static TemplateDraft fromForm(Context ctx, String key) {
    ObjectNode json = Json.MAPPER.createObjectNode();
    json.put("key", key == null ? "" : key.strip());
    json.put("channel", Optional.ofNullable(ctx.formParam("channel")).orElse("email"));
    for (String part : PARTS) {
      String value = ctx.formParam(part);
      if (value != null && !value.isEmpty()) {
        json.put(part, value);
      }
    }
    for (Map.Entry<String, List<String>> e : ctx.formParamMap().entrySet()) {
      if (e.getKey().startsWith("extra.") && !e.getValue().isEmpty()) {
        String name = e.getKey().substring("extra.".length());
        if (!KNOWN.contains(name) && !name.isBlank()) {
          json.set(name, value(e.getValue().get(0)));
        }
      }
    }
    return new TemplateDraft(json);
  }

  /** A field's text: JSON when it reads as JSON other than a string (true, 3, {...}), else text. */
  private static JsonNode value(String text) {
    try {
      JsonNode node = Json.MAPPER.readTree(text);
      if (node != null && !node.isMissingNode() && !node.isTextual()) {
        return node;
      }
    } catch (java.io.IOException e) {
      // plain text
    }
    return Json.MAPPER.getNodeFactory().textNode(text);
  }

  public String key() {
    return text("key");
  }

  public String channel() {
    return text("channel").isEmpty() ? "email" : text("channel");
  }

  public String text(String field) {
    JsonNode value = json.get(field);
    return value == null || value.isNull() ? "" : value.asText();
  }

  public boolean email() {
    return channel().equals("email");
  }

  public List<Extra> extras() {
    List<Extra> extras = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!KNOWN.contains(e.getKey()) && !e.getValue().isNull()) {
        extras.add(
            new Extra(
                e.getKey(),
                e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
      }
    }
    return extras;
  }

  /** The template the API would store, read from the JSON (unknown fields are left out). */
  Template template() {
    return Json.MAPPER.convertValue(json, Template.class);
  }

  /** This draft with only {@code part} of it (to render the text part of an email on its own). */
  Template only(String part) {
    ObjectNode copy = Json.MAPPER.createObjectNode();
    copy.put("key", key());
    copy.put("channel", channel());
    copy.put(part, text(part));
    return Json.MAPPER.convertValue(copy, Template.class);
  }

  /**
   * What stops the template from being saved ({@code forSave}: the key, the channel, a missing
   * part, Liquid that won't parse) or previewed (Liquid that won't parse).
   */
  List<Problem> problems(TemplateRenderer renderer, boolean forSave) {
    List<Problem> problems = new ArrayList<>();
    if (forSave) {
      problems.addAll(shape());
    }
    for (String part : PARTS) {
      if (!text(part).isEmpty()) {
        renderer
            .problem(text(part))
            .ifPresent(p -> problems.add(new Problem(part, p.line(), p.column(), p.message())));
      }
    }
    return problems;
  }

  private List<Problem> shape() {
    List<Problem> problems = new ArrayList<>();
    if (!KEY.matcher(key()).matches()) {
      problems.add(new Problem("key", 0, 0, "key is a slug: lower-case letters, digits, - and _"));
    }
    if (!CHANNELS.contains(channel()) && !channel().matches("[a-z][a-z0-9_]{0,30}")) {
      problems.add(new Problem("channel", 0, 0, "channel is a name such as email, sms, push"));
    }
    if (email() ? text("html").isEmpty() && text("text").isEmpty() : text("body").isEmpty()) {
      problems.add(
          email()
              ? new Problem("html", 0, 0, "an email template needs html or text")
              : new Problem("body", 0, 0, "a template needs body"));
    }
    return problems;
  }
}
