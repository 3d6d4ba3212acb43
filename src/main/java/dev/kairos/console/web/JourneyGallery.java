package dev.kairos.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.platform.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The built-in journeys (the files under {@code journeys/} in the jar, as installed at start) shown
 * as a gallery: what each starts on and does, to open or to copy as a starting point.
 */
final class JourneyGallery {
  /** One built-in journey: its document and a line saying what it does. */
  record Entry(String key, String name, String trigger, int steps, JsonNode document) {}

  private final List<Entry> entries;

  JourneyGallery() {
    List<Entry> list = new ArrayList<>();
    for (String file : text("journeys/index.txt").lines().map(String::strip).toList()) {
      if (file.isEmpty()) {
        continue;
      }
      JsonNode document = read("journeys/" + file);
      list.add(
          new Entry(
              document.path("key").asText(),
              document.path("name").asText(document.path("key").asText()),
              trigger(document.path("trigger")),
              document.path("steps").size(),
              document));
    }
    this.entries = List.copyOf(list);
  }

  List<Entry> entries() {
    return entries;
  }

  Optional<Entry> find(String key) {
    return entries.stream().filter(e -> e.key().equals(key)).findFirst();
  }

  /** A trigger in words: "event Product Added", "enters segment vip", … */
  static String trigger(JsonNode trigger) {
    if (trigger.has("event")) {
      return "event " + trigger.path("event").asText();
    } else if (trigger.has("segment_entered")) {
      return "enters segment " + trigger.path("segment_entered").asText();
    } else if (trigger.has("segment_exited")) {
      return "leaves segment " + trigger.path("segment_exited").asText();
    } else if (trigger.has("date_trait")) {
      return "date trait " + trigger.path("date_trait").asText();
    } else if (trigger.has("broadcast")) {
      return "broadcast to " + trigger.path("broadcast").path("segment").asText();
    }
    return "no trigger";
  }

  private static JsonNode read(String resource) {
    try {
      return Json.MAPPER.readTree(text(resource));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(String resource) {
    try (InputStream in = JourneyGallery.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
