package dev.kairos.template;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A message template: {@code subject}, {@code html} and {@code text} for email; {@code body} for
 * SMS, push and other channels. Each part is Liquid.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Template(
    String key, String channel, String subject, String html, String text, String body) {

  /** The part a channel sends as its body: the body, else the HTML, else the text. */
  public String mainPart() {
    return body != null ? body : html != null ? html : text;
  }
}
