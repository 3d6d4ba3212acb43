package dev.kairos.template;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A message template: {@code subject}, {@code preheader}, {@code html} and {@code text} for email;
 * {@code body} for SMS, push and other channels; {@code data}, the channel-specific parts (a push
 * title, a WeChat template's keys, a WhatsApp template's parameters). Each part is Liquid. Opens
 * and clicks of an email are tracked unless {@code track_opens} / {@code track_clicks} is false.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Template(
    String key,
    String channel,
    String subject,
    String preheader,
    String html,
    String text,
    String body,
    Map<String, String> data,
    @JsonProperty("track_opens") Boolean trackOpens,
    @JsonProperty("track_clicks") Boolean trackClicks) {

  public Template {
    data =
        data == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
  }

  /** A template with no preheader, channel data or tracking switches. */
  public Template(
      String key, String channel, String subject, String html, String text, String body) {
    this(key, channel, subject, null, html, text, body, Map.of(), null, null);
  }

  /** The part a channel sends as its body: the body, else the HTML, else the text. */
  public String mainPart() {
    return body != null ? body : html != null ? html : text;
  }

  /** Whether opens of this email are tracked (on unless switched off). */
  public boolean tracksOpens() {
    return !Boolean.FALSE.equals(trackOpens);
  }

  /** Whether clicks in this email are tracked (on unless switched off). */
  public boolean tracksClicks() {
    return !Boolean.FALSE.equals(trackClicks);
  }
}
