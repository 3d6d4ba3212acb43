package dev.kairos.template;

import java.util.Map;

/** A template rendered for one person, or why it could not be. */
public sealed interface Rendering {
  /** Every part of the template rendered (a part the template lacks is null; data never null). */
  record Rendered(
      String subject,
      String preheader,
      String html,
      String text,
      String body,
      Map<String, String> data)
      implements Rendering {
    public Rendered {
      data =
          data == null
              ? Map.of()
              : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
    }

    /** The part a channel sends as its body: the body, else the HTML, else the text. */
    public String mainPart() {
      return body != null ? body : html != null ? html : text;
    }
  }

  record Failed(String reason) implements Rendering {}
}
