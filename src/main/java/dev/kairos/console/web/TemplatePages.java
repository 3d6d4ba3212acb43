package dev.kairos.console.web;

import dev.kairos.console.Role;
import dev.kairos.platform.http.RouteGroup;
import dev.kairos.template.Template;
import dev.kairos.template.TemplateRenderer;
import dev.kairos.template.store.TemplateStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Optional;

/**
 * Templates: the list, and the editor with a live preview for a chosen customer (email at desktop
 * and phone width in sandboxed frames, SMS with its length, push), the Liquid problems of each part
 * at their line and column, and saving through the same store and checks as the template API.
 */
public final class TemplatePages implements RouteGroup {
  /** The editor's page may show a template's remote images (in its sandboxed preview frames). */
  static final String CONTENT_SECURITY_POLICY =
      Pages.CONTENT_SECURITY_POLICY.replace("img-src 'self' data:", "img-src 'self' data: https:");

  private final ConsoleAccess access;
  private final Pages pages;
  private final TemplateStore templates;
  private final TemplateRenderer renderer;
  private final TemplatePreview preview;

  TemplatePages(
      ConsoleAccess access,
      Pages pages,
      TemplateStore templates,
      TemplateRenderer renderer,
      TemplatePreview preview) {
    this.access = access;
    this.pages = pages;
    this.templates = templates;
    this.renderer = renderer;
    this.preview = preview;
  }

  /** A row of the list. */
  public record Row(String key, String channel, String summary) {}

  /** The editor: the draft, whether it edits a saved template, and the problems of a save. */
  public record Form(
      TemplateDraft draft, boolean editing, String who, List<TemplateDraft.Problem> problems) {
    public String action() {
      return editing ? "/templates/" + draft.key() : "/templates/new";
    }
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/templates", access.page(this::list));
    routes.get(
        "/templates/new",
        access.page(
            (ctx, v) ->
                form(
                    ctx,
                    v,
                    new Form(
                        TemplateDraft.blank(channel(ctx.queryParam("channel"))),
                        false,
                        "",
                        List.of()))));
    routes.post("/templates/preview", access.action(role -> true, this::preview));
    routes.post("/templates/new", access.action(Role::editsMarketing, this::create));
    routes.get("/templates/{key}", access.page(this::edit));
    routes.post("/templates/{key}", access.action(Role::editsMarketing, this::replace));
  }

  private void list(Context ctx, Viewer viewer) {
    List<Row> rows =
        templates.list().stream().map(t -> new Row(t.key(), t.channel(), summary(t))).toList();
    pages.render(
        ctx, "templates.jte", "chrome", new Chrome("Templates", "templates", viewer), "rows", rows);
  }

  private static String summary(Template t) {
    String text = t.subject() != null ? t.subject() : t.mainPart() == null ? "" : t.mainPart();
    return text.length() > 90 ? text.substring(0, 89) + "…" : text;
  }

  private void edit(Context ctx, Viewer viewer) {
    Optional<Template> found = templates.find(ctx.pathParam("key"));
    if (found.isEmpty()) {
      pages.render(
          ctx,
          "notfound.jte",
          "chrome",
          new Chrome("Not found", "templates", viewer),
          "message",
          "No such template.");
      ctx.status(404);
      return;
    }
    form(
        ctx,
        viewer,
        new Form(TemplateDraft.of(found.get()), true, who(ctx.queryParam("customer")), List.of()));
  }

  private void preview(Context ctx, Viewer viewer) {
    TemplateDraft draft = TemplateDraft.fromForm(ctx, ctx.formParam("key"));
    pages.render(
        ctx, "template-preview.jte", "shown", preview.render(draft, ctx.formParam("customer")));
  }

  private void create(Context ctx, Viewer viewer) {
    TemplateDraft draft = TemplateDraft.fromForm(ctx, ctx.formParam("key"));
    List<TemplateDraft.Problem> problems = draft.problems(renderer, true);
    if (problems.isEmpty() && !templates.create(draft.template())) {
      problems = List.of(new TemplateDraft.Problem("key", 0, 0, "a template with this key exists"));
    }
    saved(ctx, viewer, new Form(draft, false, who(ctx.formParam("customer")), problems));
  }

  private void replace(Context ctx, Viewer viewer) {
    TemplateDraft draft = TemplateDraft.fromForm(ctx, ctx.pathParam("key"));
    List<TemplateDraft.Problem> problems = draft.problems(renderer, true);
    if (problems.isEmpty() && !templates.replace(draft.template())) {
      problems = List.of(new TemplateDraft.Problem("key", 0, 0, "no template with this key"));
    }
    saved(ctx, viewer, new Form(draft, true, who(ctx.formParam("customer")), problems));
  }

  private void saved(Context ctx, Viewer viewer, Form form) {
    if (form.problems().isEmpty()) {
      ctx.redirect("/templates/" + form.draft().key() + "?done=saved", HttpStatus.SEE_OTHER);
      return;
    }
    form(ctx, viewer, form);
    ctx.status(400);
  }

  private void form(Context ctx, Viewer viewer, Form form) {
    pages.render(
        ctx,
        "template-editor.jte",
        "chrome",
        new Chrome(form.editing() ? form.draft().key() : "New template", "templates", viewer),
        "form",
        form,
        "shown",
        preview.render(form.draft(), form.who()),
        "notice",
        "saved".equals(ctx.queryParam("done")) ? "The template was saved." : null);
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  }

  private static String who(String value) {
    return value == null ? "" : value.strip();
  }

  private static String channel(String value) {
    return value != null && TemplateDraft.CHANNELS.contains(value) ? value : "email";
  }
}
