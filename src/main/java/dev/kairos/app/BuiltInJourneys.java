package dev.kairos.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.journey.DefinitionReader;
import dev.kairos.journey.Reading;
import dev.kairos.journey.store.JourneyStore;
import dev.kairos.platform.http.Json;
import dev.kairos.template.Template;
import dev.kairos.template.store.TemplateStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Installs the built-in journeys (src/main/resources/journeys/*.json, readable files) as drafts,
 * disabled until someone publishes them, and the templates they send. What an operator changed or
 * deleted is left alone: only keys not there yet are installed.
 */
final class BuiltInJourneys {
  private BuiltInJourneys() {}

  /**
   * @param publish publish each journey installed now (the demo's {@code
   *     KAIROS_BUILTIN_JOURNEYS=publish})
   */
  static int install(JourneyStore journeys, TemplateStore templates, boolean publish) {
    for (JsonNode t : read("journeys/templates.json")) {
      templates.create(
          new Template(
              t.get("key").asText(),
              t.get("channel").asText(),
              text(t, "subject"),
              text(t, "html"),
              text(t, "text"),
              text(t, "body")));
    }
    int installed = 0;
    for (String file : index()) {
      JsonNode document = read("journeys/" + file);
      Reading reading = DefinitionReader.read(document);
      if (!(reading instanceof Reading.Valid valid)) {
        throw new IllegalStateException(
            "built-in journey " + file + " is invalid: " + ((Reading.Invalid) reading).problems());
      }
      if (journeys.summary(valid.definition().key()).isEmpty()
          && journeys.saveDraft(valid.definition(), document, true).isPresent()) {
        installed++;
        if (publish) {
          journeys.publish(valid.definition().key());
        }
      }
    }
    return installed;
  }

  /** The files listed in journeys/index.txt. */
  static List<String> index() {
    return new String(bytes("journeys/index.txt"), StandardCharsets.UTF_8)
        .lines()
        .map(String::trim)
        .filter(l -> !l.isEmpty())
        .toList();
  }

  static JsonNode read(String resource) {
    try {
      return Json.MAPPER.readTree(bytes(resource));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(String resource) {
    try (InputStream in = BuiltInJourneys.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
