package dev.kairos.console.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.console.CustomerQuery;
import dev.kairos.delivery.TemplateVariables;
import dev.kairos.identity.IdentifierNormaliser;
import dev.kairos.platform.http.Json;
import dev.kairos.profile.store.ProfileQueries;
import dev.kairos.template.Rendering;
import dev.kairos.template.TemplateRenderer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A template rendered for one customer, as the dispatcher renders it for a send (the same renderer
 * and the same variables: profile, cart, last_order), with a sample coupon code; or the problems
 * that stop it.
 */
public final class TemplatePreview {
  public static final String SAMPLE_COUPON = "PREVIEW10";

  private final TemplateRenderer renderer;
  private final TemplateVariables variables;
  private final ProfileQueries profiles;
  private final IdentifierNormaliser normaliser;

  TemplatePreview(
      TemplateRenderer renderer,
      TemplateVariables variables,
      ProfileQueries profiles,
      IdentifierNormaliser normaliser) {
    this.renderer = renderer;
    this.variables = variables;
    this.profiles = profiles;
    this.normaliser = normaliser;
  }

  /** What the preview shows. {@code customer} is null when none was found. */
  public record Shown(
      String channel,
      String customer,
      String customerId,
      String subject,
      String html,
      String text,
      String body,
      List<TemplateDraft.Problem> problems,
      String failure) {
    public boolean email() {
      return channel.equals("email");
    }

    /**
     * The rendered HTML escaped for a double-quoted attribute (the preview frames' {@code srcdoc}):
     * the frame parses it as a document, the page never as markup.
     */
    public String htmlAsAttribute() {
      return html == null
          ? ""
          : html.replace("&", "&amp;")
              .replace("\"", "&quot;")
              .replace("'", "&#39;")
              .replace("<", "&lt;")
              .replace(">", "&gt;");
    }

    /** Characters and SMS segments (GSM 160/153, otherwise UCS-2 70/67 per segment). */
    public String smsLength() {
      if (body == null) {
        return "";
      }
      boolean gsm = body.chars().allMatch(c -> c < 128);
      int length = body.length();
      int single = gsm ? 160 : 70;
      int part = gsm ? 153 : 67;
      int segments = length <= single ? 1 : (length + part - 1) / part;
      return length + " characters, " + segments + (segments == 1 ? " SMS" : " SMS segments");
    }
  }

  Shown render(TemplateDraft draft, String who) {
    List<TemplateDraft.Problem> problems = draft.problems(renderer, false);
    Optional<UUID> id = customer(who);
    String label = id.flatMap(profiles::profile).map(CustomerView::name).orElse(null);
    if (!problems.isEmpty() || id.isEmpty()) {
      return new Shown(
          draft.channel(),
          label,
          null,
          null,
          null,
          null,
          null,
          problems,
          id.isEmpty() ? "No customer found for " + (who == null ? "" : who) + "." : null);
    }
    ObjectNode run = Json.MAPPER.createObjectNode();
    run.putObject("coupon").put("code", SAMPLE_COUPON);
    Optional<Map<String, Object>> values = variables.of(id.get(), run);
    if (values.isEmpty()) {
      return new Shown(
          draft.channel(), label, null, null, null, null, null, problems, "No such customer.");
    }
    Rendering main = renderer.render(draft.template(), values.get());
    if (main instanceof Rendering.Failed failed) {
      return new Shown(
          draft.channel(),
          label,
          id.get().toString(),
          null,
          null,
          null,
          null,
          problems,
          failed.reason());
    }
    Rendering.Rendered rendered = (Rendering.Rendered) main;
    String text = null;
    if (draft.email() && !draft.text("text").isEmpty() && !draft.text("html").isEmpty()) {
      Rendering part = renderer.render(draft.only("text"), values.get());
      text =
          part instanceof Rendering.Rendered r ? r.mainPart() : ((Rendering.Failed) part).reason();
    }
    boolean email = draft.email();
    boolean html = email && !draft.text("html").isEmpty();
    return new Shown(
        draft.channel(),
        label,
        id.get().toString(),
        rendered.subject(),
        html ? rendered.mainPart() : null,
        html ? text : email ? rendered.mainPart() : null,
        email ? null : rendered.mainPart(),
        problems,
        null);
  }

  /** The customer typed (a profile id, an email, {@code kind:value}), else the newest seen. */
  Optional<UUID> customer(String who) {
    String q = who == null ? "" : who.strip();
    if (q.isEmpty()) {
      return profiles.search(Map.of(), 1, 0).stream()
          .findFirst()
          .map(p -> UUID.fromString(p.path("id").asText()));
    }
    try {
      UUID id = UUID.fromString(q);
      return profiles.profile(id).map(p -> UUID.fromString(p.path("id").asText()));
    } catch (IllegalArgumentException e) {
      // not a profile id: an identifier
    }
    if (CustomerQuery.parse(q) instanceof CustomerQuery.ByIdentifier byIdentifier) {
      for (CustomerQuery.Candidate c : byIdentifier.candidates()) {
        Optional<UUID> found =
            normaliser
                .normalise(c.kind(), c.value())
                .flatMap(profiles::byIdentifier)
                .flatMap(profiles::profile)
                .map(p -> UUID.fromString(p.path("id").asText()));
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }
}
